/**
 * Azure layer (no `vscode` import): auth adapters, SDK client factory, inventory, encryption state,
 * preflight and operations. Bundled as `dist/azure.js` and loaded lazily (`#lazy/azure`).
 */
export * from './state';
export * from './inventory/types';
export * from './errors';
export * from './ids';
export * from './ade/extension';
