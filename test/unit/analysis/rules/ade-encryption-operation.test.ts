import { ruleSuite } from './helpers';

ruleSuite('ade-encryption-operation', {
  violation: {
    json: [{ line: 22, severity: 'error', related: [7], fix: true, message: 'only supported by the Linux' }],
    bicep: [{ line: 15, severity: 'warning', fix: true, message: 'disables' }],
  },
});
