import { ruleSuite } from './helpers';

ruleSuite('ade-extension-version', {
  violation: {
    json: [{ line: 14, severity: 'error', fix: true }],
    bicep: [{ line: 12, severity: 'warning', fix: true, message: 'legacy' }],
  },
  more: { 'disable-legacy.bicep': [] },
});
