import { ruleSuite } from './helpers';

// A warning: soft delete is enforced on every vault, so `false` misleads but cannot take effect.
ruleSuite('kv-soft-delete', {
  violation: {
    json: [{ line: 17, severity: 'warning', fix: true }],
    bicep: [{ line: 10, severity: 'warning', fix: true }],
  },
});
