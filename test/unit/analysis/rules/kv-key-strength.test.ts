import { ruleSuite } from './helpers';

ruleSuite('kv-key-strength', {
  violation: {
    json: [{ line: 25, message: 'P-192' }],
    bicep: [
      { line: 18, fix: true, message: '1024' },
      { line: 17, related: [8], fix: true, message: 'premium' },
    ],
  },
});
