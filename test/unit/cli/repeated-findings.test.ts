import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from './cli-helpers';

// A module file is linted on its own and through its caller; the two findings at the same place
// name the vault differently ('kv' and 'vaults/kv'), and must be counted once.
describe('ade-lint findings repeated through modules', () => {
  let dir: string;
  before(() => {
    dir = tempDir('ade-cli-modules-');
    fs.writeFileSync(
      path.join(dir, 'vault.bicep'),
      [
        'param name string',
        "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {",
        '  name: name',
        "  location: 'westeurope'",
        '  properties: {',
        "    tenantId: '00000000-0000-0000-0000-000000000000'",
        "    sku: { family: 'A', name: 'standard' }",
        '    enableSoftDelete: false',
        '    enablePurgeProtection: true',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'main.bicep'),
      ["module vaults 'vault.bicep' = {", "  name: 'vaults'", "  params: { name: 'kv-app-01' }", '}', ''].join('\n'),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a finding in a module file once, whichever file it was reached from', () => {
    const r = runCli(['--format', 'json', dir], dir);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    const softDelete = report.files.flatMap((f) =>
      f.findings.filter((x) => x.ruleId === 'kv-soft-delete').map(() => f.path),
    );
    assert.equal(softDelete.length, 1, r.stdout);
  });
});
