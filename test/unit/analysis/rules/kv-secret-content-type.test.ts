import { ruleSuite } from './helpers';

ruleSuite('kv-secret-content-type', {
  violation: {
    json: [{ line: 27, severity: 'info' }],
    bicep: [{ line: 19 }],
  },
});
