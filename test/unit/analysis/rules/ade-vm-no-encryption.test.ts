import { ruleSuite } from './helpers';

ruleSuite('ade-vm-no-encryption', {
  violation: {
    json: [{ line: 16, severity: 'warning', fix: true }],
    bicep: [{ line: 4, severity: 'warning', fix: true }],
  },
  more: { 'unknown.bicep': [], 'scaleset.json': [{ line: 15, fix: true }], 'id-null.bicep': [{ line: 7 }] },
});
