import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, findConfigFile, parseConfig } from '../../../src/analysis/engine';
import { createMatcher, globToRegExp } from '../../../src/analysis/engine/glob';

describe('config', () => {
  const known = new Set(['kv-purge-protection', 'kv-soft-delete']);

  it('parses levels, excludes, parameters and limits (comments allowed)', () => {
    const { config, warnings } = parseConfig(
      `{ // team settings
        "rules": { "kv-purge-protection": "error", "kv-soft-delete": "off" },
        "exclude": ["generated/**"],
        "parameters": { "main.json": "main.prod.parameters.json" },
        "maxFileSizeMB": 25,
        "reportUnusedSuppressions": true,
      }`,
      path.join('repo', '.ade-lint.json'),
      known,
    );
    assert.deepEqual(config.rules, { 'kv-purge-protection': 'error', 'kv-soft-delete': 'off' });
    assert.deepEqual(config.exclude, ['generated/**']);
    assert.equal(config.parameters['main.json'], 'main.prod.parameters.json');
    assert.equal(config.maxFileSizeMB, 25);
    assert.equal(config.reportUnusedSuppressions, true);
    assert.equal(config.baseDir, 'repo');
    assert.deepEqual(warnings, []);
  });

  it('rejects bad JSON, unknown keys, bad levels and wrong types with every problem listed', () => {
    assert.throws(
      () => parseConfig('{ "rules": ', 'c.json'),
      (e: unknown) => e instanceof ConfigError && /not valid JSON/.test(e.message),
    );
    assert.throws(() => parseConfig('[]', 'c.json'), /must contain a JSON object/);
    try {
      parseConfig(
        '{ "rule": {}, "rules": { "kv-soft-delete": "fatal" }, "exclude": "x", "maxFileSizeMB": -1 }',
        'c.json',
      );
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 4);
      assert.match(e.message, /unknown setting "rule"/);
      assert.match(e.message, /"fatal" is not one of error, warning, info, off/);
    }
  });

  it('warns about unknown rule ids with a suggestion instead of failing', () => {
    const { warnings } = parseConfig('{ "rules": { "kv-purge-protecton": "off" } }', 'c.json', known);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /did you mean "kv-purge-protection"/);
  });

  it('finds the nearest config walking up', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ade-cfg-'));
    try {
      const deep = path.join(root, 'a', 'b');
      fs.mkdirSync(deep, { recursive: true });
      fs.writeFileSync(path.join(root, 'a', '.ade-lint.json'), '{}');
      assert.equal(findConfigFile(deep), path.join(root, 'a', '.ade-lint.json'));
      assert.equal(
        findConfigFile(root, (p) => p === '/nowhere'),
        undefined,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('glob', () => {
  it('matches **, *, ? and braces on forward-slash paths', () => {
    const cases: [string, string, boolean][] = [
      ['generated/**', 'generated/a/b.json', true],
      ['generated/**', 'src/generated/a.json', false],
      ['**/generated/**', 'src/generated/a.json', true],
      ['*.parameters.json', 'deep/x/main.parameters.json', true],
      ['src/*.json', 'src/a.json', true],
      ['src/*.json', 'src/a/b.json', false],
      ['src/**/*.json', 'src/a.json', true],
      ['src/**/*.json', 'src/a/b/c.json', true],
      ['ma?n.bicep', 'main.bicep', true],
      ['*.{json,bicep}', 'a/b.bicep', true],
      ['a.json', 'xa.json', false],
      ['[ab].json', 'b.json', true],
    ];
    for (const [glob, p, want] of cases) assert.equal(globToRegExp(glob).test(p), want, `${glob} vs ${p}`);
  });

  it('excludes everything below a matched folder', () => {
    const m = createMatcher(['vendor', 'out/']);
    assert.equal(m('vendor/x/y.json'), true);
    assert.equal(m('a/vendor/y.json'), true);
    assert.equal(m('out/z.bicep'), true);
    assert.equal(m('src/vendored.json'), false);
  });
});
