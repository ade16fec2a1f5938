import { ruleSuite } from './helpers';

ruleSuite('kv-public-network-access', {
  violation: {
    json: [{ line: 17, severity: 'info', fix: true }],
    bicep: [{ line: 4, severity: 'info', fix: true }],
  },
  more: { 'null-access.bicep': [{ line: 15, severity: 'info', fix: false }] },
});
