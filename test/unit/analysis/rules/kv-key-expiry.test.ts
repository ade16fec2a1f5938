import { ruleSuite } from './helpers';

ruleSuite('kv-key-expiry', {
  violation: {
    json: [{ line: 25 }],
    bicep: [{ line: 16 }],
  },
});
