import { ruleSuite } from './helpers';

ruleSuite('kv-soft-delete-retention', {
  violation: {
    json: [{ line: 17, fix: true }],
    bicep: [{ line: 10, fix: true }],
  },
});
