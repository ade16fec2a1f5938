import { ruleSuite } from './helpers';

ruleSuite('ade-unsupported-target', {
  violation: {
    json: [
      { line: 13, message: 'v6' },
      { line: 28, message: 'Premium SSD v2' },
    ],
    bicep: [
      { line: 6, message: 'A-series', related: [28] },
      { line: 14, message: 'ephemeral' },
    ],
  },
});
