export * from './source';
export * from './value';
export * from './template';
export * from './finding';
export * from './indentation';
export * from './shift';
export * from './ordering';
export * from './budget';
