import { ruleSuite } from './helpers';

ruleSuite('kv-rbac-authorization', {
  violation: {
    json: [{ line: 11, severity: 'info', fix: true }],
    bicep: [
      { line: 10, severity: 'info', fix: true },
      { line: 23, severity: 'warning', message: 'ignored' },
    ],
  },
});
