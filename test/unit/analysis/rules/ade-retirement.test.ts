import { ruleSuite } from './helpers';

ruleSuite('ade-retirement', {
  violation: {
    json: [{ line: 13, severity: 'info', message: '2028-09-15' }],
    bicep: [{ line: 11, severity: 'info' }],
  },
  more: { 'disable.bicep': [] },
});
