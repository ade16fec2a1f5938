import { ruleSuite } from './helpers';

ruleSuite('ade-conflicting-encryption', {
  violation: {
    json: [{ line: 20, severity: 'error', related: [35] }],
    bicep: [{ line: 9, severity: 'error', related: [28], fix: true }],
  },
});
