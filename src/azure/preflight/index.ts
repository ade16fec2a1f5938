export * from './types';
export { runPreflight, defaultVolumeType, type PreflightInput, type PreflightTarget } from './checks';
export { adeSizeVerdict, type SizeVerdict } from './vmSize';
export { PREFLIGHT_RULES } from './rules';
export type { PreflightRule, PreflightOutcome } from './rule';
