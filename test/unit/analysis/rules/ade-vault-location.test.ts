import { ruleSuite } from './helpers';

ruleSuite('ade-vault-location', {
  violation: {
    json: [{ line: 57, severity: 'error', related: [34, 7, 15] }],
    bicep: [{ line: 31, severity: 'error', related: [39, 3] }],
  },
  more: {
    'unknown.bicep': [],
    'other-subscription.bicep': [{ line: 18, severity: 'info', message: 'Could not verify' }],
  },
});
