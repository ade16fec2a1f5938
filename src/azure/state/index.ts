export * from './types';
export {
  encryptionState,
  osVolumeEncrypted,
  parseAdeStatusWord,
  retirementNotice,
  type EncryptionStateOptions,
} from './encryptionState';
export { scaleSetEncryptionState, findScaleSetAdeExtension } from './scaleSetState';
export { vaultReadiness, type ReadinessTarget } from './vaultReadiness';
export * from './showStatus';
export { adeFailureHint } from './failureHints';
