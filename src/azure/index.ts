/**
 * Azure layer (no `vscode` import): auth adapters, SDK client factory, inventory, encryption state,
 * preflight and operations. Bundled as `dist/azure.js` and loaded lazily (`#lazy/azure`).
 */
export * from './auth';
export { AzureClientFactory, type AzureConnection, type RetrySettings } from './clients';
export { connectWithSessions, connectWithCredential, connectToSandbox } from './connect';
export * from './state';
export * from './inventory';
export * from './preflight';
export * from './operations';
export * from './errors';
export * from './ids';
export * from './ade/extension';
