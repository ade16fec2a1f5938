// Azure Disk Encryption facts as data, each with the public source it comes from. Pure: no SDK, no UI.
export * from './sources';
export * from './retirement';
export * from './extension';
export * from './volumeTypes';
export * from './sizes';
export * from './keyVault';
export * from './backup';
export * from './settings';
export * from './migration';
