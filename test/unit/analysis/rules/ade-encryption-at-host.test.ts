import { ruleSuite } from './helpers';

ruleSuite('ade-encryption-at-host', {
  violation: {
    json: [{ line: 15, severity: 'info', fix: true }],
    bicep: [{ line: 4, severity: 'info', fix: true }],
  },
});
