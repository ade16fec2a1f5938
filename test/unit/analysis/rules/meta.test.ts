import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../../src/analysis/rules';
import { ROOT } from './helpers';

describe('rule metadata', () => {
  it('has unique kebab-case ids with the ade-/kv- prefix', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^(ade|kv)-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('points every rule at its docs page, which exists and is listed in the index', () => {
    const index = fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
    for (const r of allRules) {
      assert.equal(r.meta.docs, `docs/rules/${r.meta.id}.md`);
      const page = fs.readFileSync(path.join(ROOT, r.meta.docs), 'utf8');
      assert.ok(page.startsWith(`# ${r.meta.id}`), r.meta.id);
      assert.ok(index.includes(`(${r.meta.id}.md)`), `${r.meta.id} in README`);
    }
  });

  it('has fixtures and a test file for every rule', () => {
    for (const r of allRules) {
      const dir = path.join(ROOT, 'test', 'fixtures', 'rules', r.meta.id);
      assert.ok(fs.existsSync(path.join(dir, 'violation.bicep')), `${r.meta.id} violation.bicep`);
      assert.ok(fs.existsSync(path.join(dir, 'violation.json')), `${r.meta.id} violation.json`);
      assert.ok(fs.existsSync(path.join(ROOT, 'test', 'unit', 'analysis', 'rules', `${r.meta.id}.test.ts`)), r.meta.id);
    }
  });

  it('keeps explanations short and fix hints to one sentence', () => {
    for (const r of allRules) {
      assert.ok(r.meta.explanation.length > 20 && r.meta.explanation.length < 600, r.meta.id);
      assert.ok(r.meta.fixHint.length > 10, r.meta.id);
    }
  });
});
