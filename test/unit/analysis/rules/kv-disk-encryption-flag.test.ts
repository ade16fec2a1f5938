import { ruleSuite } from './helpers';

ruleSuite('kv-disk-encryption-flag', {
  violation: {
    json: [{ line: 22, severity: 'error', related: [38, 7], fix: true }],
    bicep: [{ line: 26, severity: 'error', related: [17], fix: true }],
  },
  more: {
    'legacy.json': [{ line: 10, severity: 'error', related: [32, 58], fix: true }],
    'existing-vault.bicep': [{ line: 20, severity: 'info', message: 'Could not verify' }],
  },
});
