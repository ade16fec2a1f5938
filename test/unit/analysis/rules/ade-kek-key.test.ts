import { ruleSuite } from './helpers';

ruleSuite('ade-kek-key', {
  violation: {
    json: [{ line: 29, severity: 'error', related: [47], message: '1024' }],
    bicep: [
      { line: 42, severity: 'error', related: [19], message: 'RSA' },
      { line: 48, severity: 'warning', message: 'Auto-rotation' },
    ],
  },
  more: {
    'ec-by-reference.bicep': [{ line: 20, severity: 'error', related: [41], message: "'EC'" }],
    'ec-by-reference.json': [{ line: 16, severity: 'error', related: [33], message: "'EC'" }],
    'ws2022.bicep': [{ line: 53, severity: 'warning', related: [30], message: 'Windows Server 2022' }],
  },
});
