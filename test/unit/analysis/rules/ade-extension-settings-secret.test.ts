import { ruleSuite } from './helpers';

ruleSuite('ade-extension-settings-secret', {
  violation: {
    json: [{ line: 20, severity: 'error', fix: true, message: 'adminPassword' }],
    bicep: [{ line: 20, severity: 'error', fix: true }],
  },
  more: { 'sas-in-file-uris.bicep': [{ line: 18, severity: 'error', fix: true, message: 'list*()' }] },
});
