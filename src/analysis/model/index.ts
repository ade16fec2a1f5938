export * from './source';
export * from './value';
export * from './template';
export * from './finding';
