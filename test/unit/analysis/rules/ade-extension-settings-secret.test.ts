import { ruleSuite } from './helpers';

ruleSuite('ade-extension-settings-secret', {
  violation: {
    json: [{ line: 20, severity: 'error', fix: true, message: 'adminPassword' }],
    bicep: [{ line: 20, severity: 'error', fix: true }],
  },
});
