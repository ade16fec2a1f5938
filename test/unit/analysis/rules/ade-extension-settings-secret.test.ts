import { ruleSuite } from './helpers';

ruleSuite('ade-extension-settings-secret', {
  violation: {
    json: [
      { line: 24, severity: 'warning', fix: true, message: "secure parameter 'adminPassword'" },
      { line: 25, severity: 'error', fix: true, message: 'listKeys()' },
      { line: 26, severity: 'error', fix: true, message: 'written as plain text' },
    ],
    bicep: [
      { line: 27, severity: 'warning', fix: true, message: "secure parameter 'storageKey'" },
      { line: 28, severity: 'error', fix: true, message: 'listKeys()', related: [13] },
      { line: 29, severity: 'error', fix: true, message: 'written as plain text' },
    ],
  },
  more: {
    'sas-in-file-uris.bicep': [{ line: 18, severity: 'error', fix: true, message: 'listAccountSas()' }],
    // The staging SAS token: one warning per file, the other places as related locations, and one
    // fix moving every script URL when all are Custom Script settings.
    'staging.json': [
      { line: 29, severity: 'warning', related: [46, 73], fix: true, message: "'_artifactsLocationSasToken'" },
    ],
    'staging.bicep': [{ line: 31, severity: 'warning', related: [49], fix: true, message: '2 public settings' }],
    // DSC takes its module URL in public settings only, and one extension has two staged settings: no fix.
    'staging-dsc.json': [{ line: 26, severity: 'warning', related: [41, 44], fix: false }],
    // ARM parameter names may hold regular-expression characters: matched as text, never as a pattern.
    'odd-names.json': [{ line: 23, severity: 'warning', message: "secure parameter 'key[1]'" }],
  },
});
