import { ruleSuite } from './helpers';

ruleSuite('ade-key-vault-settings', {
  violation: {
    json: [{ line: 30, severity: 'error', fix: true, message: 'KeyVaultResourceId' }],
    bicep: [{ line: 16, severity: 'error', related: [23], message: 'same vault' }],
  },
  more: { 'disable.bicep': [] },
});
