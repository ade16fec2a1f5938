import { ruleSuite } from './helpers';

ruleSuite('kv-key-hsm', {
  violation: {
    json: [{ line: 23 }],
    bicep: [{ line: 17, fix: true }],
  },
});
