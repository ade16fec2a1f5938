import { ruleSuite } from './helpers';

ruleSuite('kv-access-policy-permissions', {
  violation: {
    json: [{ line: 17, message: 'all certificates' }],
    bicep: [
      { line: 16, message: 'all keys' },
      { line: 20, message: 'purge on secrets' },
    ],
  },
});
