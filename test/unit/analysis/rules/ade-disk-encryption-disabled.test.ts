import { ruleSuite } from './helpers';

ruleSuite('ade-disk-encryption-disabled', {
  violation: {
    json: [{ line: 25, severity: 'warning', related: [7] }],
    bicep: [{ line: 13, severity: 'warning' }],
  },
});
