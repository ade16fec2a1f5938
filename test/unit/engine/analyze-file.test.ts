import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFile, DEFAULT_CONFIG, lintFiles, type EngineHost, type LintResult } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/model';
import { armText, purgeRule, stubParsers } from './stub-model';

function memoryHost(files: Record<string, string>): EngineHost {
  return {
    readFile: async (p) => files[path.normalize(p)],
    fileSize: async (p) =>
      files[path.normalize(p)] === undefined ? undefined : Buffer.byteLength(files[path.normalize(p)]!),
  };
}

const template = armText([{ type: 'Microsoft.KeyVault/vaults', name: 'a', properties: {} }]);
const parameters = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
  parameters: {},
});

describe('analyzeFile', () => {
  const host = memoryHost({
    [path.normalize('d/main.json')]: template,
    [path.normalize('d/main.parameters.json')]: parameters,
  });
  const opts = { host, rules: [purgeRule], parsers: stubParsers };

  it('lints an ARM template chosen by content', async () => {
    const r = await analyzeFile('d/main.json', template, opts);
    assert.equal(r.kind, 'armTemplate');
    assert.equal(r.findings.length, 1);
    assert.equal(r.skipped, undefined);
  });

  it('skips JSON that is not a template, unsupported extensions, and Bicep parameters files when not following them', async () => {
    const pkg = await analyzeFile('package.json', '{"name": "x"}', opts);
    assert.equal(pkg.kind, 'notATemplate');
    assert.match(pkg.skipped!, /not an ARM template/);
    assert.match((await analyzeFile('a.yaml', 'x: 1', opts)).skipped!, /not a \.bicep/);
    const params = await analyzeFile('a.bicepparam', "using 'main.bicep'", { ...opts, followParameters: false });
    assert.equal(params.kind, 'bicepParams');
    assert.match(params.skipped!, /lint its template with its values/);
  });

  it('skips binary and too-large files with a notice', async () => {
    assert.match((await analyzeFile('a.json', '\u0000\u0001PK', opts)).skipped!, /binary/);
    const big = await analyzeFile('big.json', template + ' '.repeat(2 * 1024 * 1024), {
      ...opts,
      config: { ...DEFAULT_CONFIG, maxFileSizeMB: 1 },
    });
    assert.match(big.skipped!, /too large .*2\.0 MB, limit 1 MB/);
  });

  it('lints a parameters file as its template, linked by name', async () => {
    const r = await analyzeFile('d/main.parameters.json', parameters, opts);
    assert.equal(r.kind, 'armParameters');
    assert.equal(r.template, path.normalize('d/main.json'));
    assert.equal(r.findings.length, 1);
    const off = await analyzeFile('d/main.parameters.json', parameters, { ...opts, followParameters: false });
    assert.match(off.skipped!, /parameters file/);
    const lonely = await analyzeFile('e/x.parameters.json', parameters, opts);
    assert.match(lonely.skipped!, /template was not found \(looked for x\.json/);
  });

  it('links a parameters file through metadata.template', async () => {
    const p = JSON.stringify({ ...JSON.parse(parameters), metadata: { template: '../t/deploy.json' } });
    const h = memoryHost({ [path.normalize('t/deploy.json')]: template });
    const r = await analyzeFile('p/env.json', p, { ...opts, host: h });
    assert.equal(r.template, path.normalize('t/deploy.json'));
  });

  it('turns a parser crash into an issue instead of throwing', async () => {
    const crashing = {
      ...stubParsers,
      parseArmFile: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const r = await analyzeFile('a.json', template, { ...opts, parsers: crashing });
    assert.equal(r.issues[0]!.code, 'too-deep');
  });

  it('lintFiles reads through the host and reports unreadable files', async () => {
    const rs = await lintFiles(['d/main.json', 'd/missing.json'], opts);
    assert.equal(rs[0]!.findings.length, 1);
    assert.equal(rs[1]!.issues[0]!.code, 'unreadable');
  });
});

describe('analyzeFile with the built-in parsers: linked templates', () => {
  const main = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { vaultName: { type: 'string', defaultValue: 'kv-linked' } },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'vault',
        properties: {
          mode: 'Incremental',
          templateLink: { relativePath: 'nested/vault.json' },
          parameters: { name: { value: "[parameters('vaultName')]" } },
        },
      },
    ],
  });
  const nested = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { name: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.KeyVault/vaults',
        apiVersion: '2023-07-01',
        name: "[parameters('name')]",
        location: 'westeurope',
        properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' } },
      },
    ],
  });

  it('reads a local linked template through the host and lints its resources with the bound values', async () => {
    const host = memoryHost({
      [path.normalize('/repo/main.json')]: main,
      [path.normalize('/repo/nested/vault.json')]: nested,
    });
    const r = await analyzeFile('/repo/main.json', main, { host });
    const purge = r.findings.filter((f) => f.ruleId === 'kv-purge-protection');
    assert.equal(purge.length, 1, JSON.stringify(r.findings.map((f) => f.ruleId)));
    assert.equal(path.normalize(purge[0]!.location.file), path.normalize('/repo/nested/vault.json'));
    assert.match(purge[0]!.message, /kv-linked/);
    assert.ok(!r.issues.some((i) => i.code === 'linked-template'), JSON.stringify(r.issues));
  });

  it('says so when the linked file is missing', async () => {
    const host = memoryHost({ [path.normalize('/repo/main.json')]: main });
    const r = await analyzeFile('/repo/main.json', main, { host });
    assert.ok(
      r.issues.some((i) => i.code === 'linked-template'),
      JSON.stringify(r.issues),
    );
  });
});

describe('analyzeFile with the built-in parsers: Bicep with a JSON parameters file', () => {
  const bicep = [
    'param purgeProtection bool = true',
    "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {",
    "  name: 'kv-bicep-params'",
    "  location: 'westeurope'",
    '  properties: {',
    '    tenantId: subscription().tenantId',
    "    sku: { family: 'A', name: 'standard' }",
    '    enablePurgeProtection: purgeProtection',
    '  }',
    '}',
    '',
  ].join('\n');
  const params = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { purgeProtection: { value: false } },
  });
  const host = memoryHost({
    [path.normalize('/b/main.bicep')]: bicep,
    [path.normalize('/b/main.parameters.json')]: params,
  });
  const flag = (r: LintResult): Finding[] => r.findings.filter((f) => f.ruleId === 'kv-purge-protection');

  it('binds the values to the template parameters, with the parameters file as provenance', async () => {
    assert.equal(flag(await analyzeFile('/b/main.bicep', bicep, { host })).length, 0);
    const r = await analyzeFile('/b/main.bicep', bicep, { host, parametersFile: '/b/main.parameters.json' });
    const found = flag(r);
    assert.equal(found.length, 1, JSON.stringify(r.findings.map((f) => f.ruleId)));
    assert.ok(
      found[0]!.related?.some((x) => /parameters file/.test(x.message)),
      JSON.stringify(found[0]!.related),
    );
  });

  it('a parameters file named alone is linted as main.bicep with its values', async () => {
    const r = await analyzeFile('/b/main.parameters.json', params, { host });
    assert.equal(r.skipped, undefined);
    assert.equal(flag(r).length, 1);
  });
});
