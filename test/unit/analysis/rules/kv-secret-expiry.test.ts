import { ruleSuite } from './helpers';

ruleSuite('kv-secret-expiry', {
  violation: {
    json: [{ line: 29 }],
    bicep: [{ line: 19 }],
  },
});
