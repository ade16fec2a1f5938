import { ruleSuite } from './helpers';

ruleSuite('ade-aad-secret-in-settings', {
  violation: {
    json: [{ line: 24, severity: 'error', fix: true }],
    bicep: [{ line: 21, severity: 'error', fix: true }],
  },
});
