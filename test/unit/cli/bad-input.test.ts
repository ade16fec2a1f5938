import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from './cli-helpers';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

interface JsonFile {
  path: string;
  skipped?: string;
  issues: { code: string; message: string; severity: string }[];
}

/** Each bad input gets a clear result line; none may crash the CLI (exit 2 with a stack) or hang. */
describe('ade-lint on bad input', () => {
  let dir: string;
  let byName: Map<string, JsonFile>;
  let code: number | null;

  before(function () {
    this.timeout(120_000);
    dir = tempDir('ade-bad-');
    const w = (name: string, content: string | Buffer): void => fs.writeFileSync(path.join(dir, name), content);
    w('invalid.json', `{ "$schema": "${SCHEMA}", "resources": [ { "type": `);
    w('invalid.bicep', "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: \n  properties: {{{\n");
    w(
      'binary.json',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    w('empty.json', '');
    // 20 MB: above the default 10 MB limit, so skipped with a notice without being read.
    const filler = JSON.stringify({
      type: 'Microsoft.Resources/tags',
      apiVersion: '2021-04-01',
      name: 'default',
      properties: { tags: { a: 'x'.repeat(1000) } },
    });
    const count = Math.ceil((20 * 1024 * 1024) / filler.length);
    w('huge.json', `{ "$schema": "${SCHEMA}", "resources": [${new Array(count).fill(filler).join(',')}] }`);
    // 10 000 levels of nesting inside a resource's properties.
    w(
      'deep.json',
      `{ "$schema": "${SCHEMA}", "resources": [ { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": ${'{"a":'.repeat(10000)}1${'}'.repeat(10000)} } ] }`,
    );
    w('deep.bicep', `var v = ${'['.repeat(10000)}1${']'.repeat(10000)}\n`);
    // An expression that doubles in size at every step (2^40 characters if evaluated naively).
    const vars: Record<string, string> = { v0: 'ab' };
    for (let i = 1; i <= 40; i++) vars[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    w(
      'bomb.json',
      JSON.stringify({
        $schema: SCHEMA,
        variables: vars,
        resources: [
          { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: "[variables('v40')]", properties: {} },
        ],
      }),
    );
    const r = runCli(['--format', 'json', '.'], dir);
    code = r.code;
    assert.ok(r.stdout.startsWith('{'), `no JSON report: ${r.stderr}`);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    byName = new Map(files.map((f) => [f.path, f]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports every file', () => {
    assert.deepEqual([...byName.keys()].sort(), [
      'binary.json',
      'bomb.json',
      'deep.bicep',
      'deep.json',
      'empty.json',
      'huge.json',
      'invalid.bicep',
      'invalid.json',
    ]);
    // Unreadable templates are errors (the file was not checked), so the run fails, but cleanly.
    assert.equal(code, 1);
  });

  it('invalid JSON and Bicep give parse diagnostics', () => {
    assert.ok(
      byName.get('invalid.json')!.issues.some((i) => i.severity === 'error'),
      JSON.stringify(byName.get('invalid.json')),
    );
    assert.ok(byName.get('invalid.bicep')!.issues.length > 0, JSON.stringify(byName.get('invalid.bicep')));
  });

  it('binary and empty files are skipped with a notice', () => {
    assert.match(byName.get('binary.json')!.skipped!, /binary/);
    assert.ok(byName.get('empty.json')!.skipped !== undefined || byName.get('empty.json')!.issues.length > 0);
  });

  it('a 20 MB file is skipped as too large', () => {
    assert.match(byName.get('huge.json')!.skipped!, /too large to lint \(20\.\d MB, limit 10 MB/);
  });

  it('10k-deep nesting and an expression bomb end with a result, not a crash', () => {
    for (const name of ['deep.json', 'deep.bicep', 'bomb.json']) {
      const f = byName.get(name)!;
      assert.ok(
        f.issues.every((i) => i.code !== 'timeout'),
        `${name} timed out`,
      );
      assert.ok(
        !f.issues.some((i) => /internal-error/.test(i.code) && /call stack/.test(i.message)),
        JSON.stringify(f.issues),
      );
    }
  });
});
