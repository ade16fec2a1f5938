import { ruleSuite } from './helpers';

ruleSuite('ade-settings-keys', {
  violation: {
    json: [
      { line: 13, fix: true },
      { line: 17, fix: true },
      { line: 20, fix: true },
    ],
    bicep: [
      { line: 10, fix: true },
      { line: 16, fix: true },
      { line: 19, fix: false, message: "'tags'" },
    ],
  },
});
