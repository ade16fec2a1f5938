import { ruleSuite } from './helpers';

ruleSuite('kv-key-rotation-policy', {
  violation: {
    json: [{ line: 25, message: 'only notifies' }],
    bicep: [{ line: 16 }],
  },
});
