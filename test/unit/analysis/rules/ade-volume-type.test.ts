import { ruleSuite } from './helpers';

ruleSuite('ade-volume-type', {
  violation: {
    json: [{ line: 29, severity: 'error', fix: true, message: 'Linux scale sets' }],
    bicep: [{ line: 20, severity: 'warning', related: [1], fix: true, message: 'OS disk' }],
  },
  more: {
    'disable-linux.json': [{ line: 20, severity: 'warning', fix: true, message: 'decrypts data volumes only' }],
    'scaleset-child.bicep': [{ line: 24, severity: 'error', fix: true, message: 'Linux scale sets' }],
  },
});
