import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from './cli-helpers';

interface JsonFile {
  path: string;
  findings: unknown[];
  issues: { code: string; message: string; severity: string }[];
}

describe('ade-lint with a file over the time budget', () => {
  it('reports the file as not analysed and goes on with the others', function () {
    this.timeout(120_000);
    const dir = tempDir('ade-budget-');
    try {
      // Flat broken text that takes tree-sitter over 20 s without a budget.
      fs.writeFileSync(path.join(dir, 'slow.bicep'), '{"a":}'.repeat(6000));
      fs.copyFileSync(
        path.resolve('test', 'fixtures', 'workspace', 'templates', 'linux-ade.bicep'),
        path.join(dir, 'main.bicep'),
      );
      fs.writeFileSync(path.join(dir, '.ade-lint.json'), '{ "budgetMs": 200 }');
      const r = runCli(['--format', 'json', '.'], dir);
      assert.equal(r.code, 1, r.stderr);
      const files = new Map((JSON.parse(r.stdout) as { files: JsonFile[] }).files.map((f) => [f.path, f]));
      const slow = files.get('slow.bicep');
      assert.deepEqual(
        slow?.issues.map((i) => [i.code, i.severity]),
        [['too-complex', 'error']],
      );
      assert.match(slow!.issues[0]!.message, /Too complex to analyse within \d+ ms .*findings paused/);
      assert.ok((files.get('main.bicep')?.findings.length ?? 0) > 0);

      const text = runCli(['slow.bicep'], dir);
      assert.match(text.stdout, /slow\.bicep[\s\S]*Too complex to analyse/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
