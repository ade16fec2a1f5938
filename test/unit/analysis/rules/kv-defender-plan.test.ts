import { ruleSuite } from './helpers';

ruleSuite('kv-defender-plan', {
  violation: {
    json: [{ line: 10, fix: true }],
    bicep: [{ line: 8, related: [1], fix: true }],
  },
});
