import { ruleSuite } from './helpers';

ruleSuite('kv-soft-delete', {
  violation: {
    json: [{ line: 17, severity: 'error', fix: true }],
    bicep: [{ line: 10, severity: 'error', fix: true }],
  },
});
