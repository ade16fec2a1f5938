import { ruleSuite } from './helpers';

ruleSuite('kv-firewall', {
  violation: {
    json: [{ line: 18, severity: 'warning', fix: true }],
    bicep: [
      { line: 4, severity: 'warning', fix: true },
      { line: 25, severity: 'error', fix: true, message: 'bypass' },
    ],
  },
  more: { 'null-acls.bicep': [{ line: 14, severity: 'warning', fix: false }] },
});
