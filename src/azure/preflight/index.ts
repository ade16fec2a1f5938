export * from './types';
export { runPreflight, defaultVolumeType, type PreflightInput, type PreflightTarget } from './checks';
export { adeSizeVerdict, type SizeVerdict } from './vmSize';
