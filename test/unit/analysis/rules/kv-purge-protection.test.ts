import { ruleSuite } from './helpers';

ruleSuite('kv-purge-protection', {
  violation: {
    json: [{ line: 17, severity: 'warning', fix: true }],
    bicep: [
      { line: 12, related: [1], fix: true },
      { line: 19, fix: true },
    ],
  },
  more: {
    'unknown.bicep': [],
    'des.bicep': [{ line: 4, severity: 'error', related: [34], fix: true, message: 'disk encryption set' }],
  },
});
