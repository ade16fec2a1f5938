import { ruleSuite } from './helpers';

ruleSuite('ade-kek-settings', {
  violation: {
    json: [{ line: 21, severity: 'error', fix: false }],
    bicep: [
      { line: 19, severity: 'error', fix: true, message: 'KekVaultResourceId' },
      { line: 19, severity: 'error', message: 'versioned' },
      { line: 20, severity: 'warning', fix: true, message: 'RSA1_5' },
    ],
  },
  more: {
    'unversioned-reference.bicep': [{ line: 42, severity: 'error', fix: true, message: 'keyUriWithVersion' }],
    'legacy-aad.bicep': [],
    'parameter-url.bicep': [],
    // The Linux handler's check lowers both sides (VMEncryption/main/check_util.py); the Windows extension
    // page calls setting values case-sensitive.
    'algorithm-case-linux.json': [{ line: 23, severity: 'info', fix: true, message: 'any case' }],
    'algorithm-case-windows.json': [{ line: 23, severity: 'warning', fix: true, message: 'case-sensitive' }],
  },
});
