export * from './clouds';
export * from './sessionCredential';
export * from './identityCredentials';
