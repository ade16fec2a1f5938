import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, lintModel, parseSuppressions, suppressionEdit } from '../../../src/analysis/engine';
import { LineIndex, type Finding, type TemplateModel } from '../../../src/analysis/model';
import { purgeRule, stubArmModel, TEMPLATE_SCHEMA } from './stub-model';

const json = (comment: string, fileComment = ''): string =>
  `${fileComment}{
  "$schema": "${TEMPLATE_SCHEMA}",
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "a",
      "properties": {
        ${comment}
        "enablePurgeProtection": false
      }
    }
  ]
}`;

function lint(text: string, extra = {}) {
  return lintModel(stubArmModel('t.jsonc', text), { rules: [purgeRule], config: { ...DEFAULT_CONFIG, ...extra } });
}

describe('suppressions', () => {
  it('parses next-line and file forms with ids, wildcard and reason', () => {
    const s = parseSuppressions(
      '// ade-lint-disable-file * -- generated\n/* ade-lint-disable-next-line a-x, b-y -- why not */\nx\n// ade-lint-disable-next-line c\n',
      'bicep',
    );
    assert.deepEqual(
      s.map((x) => [x.scope, x.ruleIds, x.reason, x.targetLine]),
      [
        ['file', ['*'], 'generated', undefined],
        ['line', ['a-x', 'b-y'], 'why not', 2],
        ['line', ['c'], undefined, 4],
      ],
    );
  });

  it('ignores look-alikes inside strings (JSON double quotes, Bicep quotes and interpolation)', () => {
    assert.equal(parseSuppressions('{"a": "// ade-lint-disable-file *"}', 'arm').length, 0);
    assert.equal(parseSuppressions("var a = '// ade-lint-disable-file *'", 'bicep').length, 0);
    assert.equal(parseSuppressions("var a = '${'x'}// ade-lint-disable-file *'", 'bicep').length, 0);
    assert.equal(parseSuppressions("var a = '''\n// ade-lint-disable-file *\n'''", 'bicep').length, 0);
    // In JSON a single quote is not a string delimiter.
    assert.equal(
      parseSuppressions("{ } // it's ade-lint-disable-file? no\n// ade-lint-disable-file *", 'arm').length,
      1,
    );
  });

  it('suppresses the next line in JSON (// and /* */), stacking comments', () => {
    assert.equal(lint(json('')).findings.length, 1);
    assert.equal(lint(json('// ade-lint-disable-next-line kv-test-purge -- test vault')).findings.length, 0);
    assert.equal(lint(json('/* ade-lint-disable-next-line other,kv-test-purge -- test */')).findings.length, 0);
    const stacked =
      '// ade-lint-disable-next-line kv-test-purge -- a\n        // ade-lint-disable-next-line other -- b';
    assert.equal(lint(json(stacked)).findings.length, 0);
    assert.equal(lint(json('// ade-lint-disable-next-line other-rule -- test')).findings.length, 1);
  });

  it('suppresses for the whole file by id or *', () => {
    assert.equal(lint(json('', '// ade-lint-disable-file kv-test-purge -- sandbox\n')).findings.length, 0);
    assert.equal(lint(json('', '/* ade-lint-disable-file * -- sandbox */\n')).findings.length, 0);
  });

  it('reports a suppression without a reason (or with the placeholder) as info, but still suppresses', () => {
    for (const c of [
      '// ade-lint-disable-next-line kv-test-purge',
      '// ade-lint-disable-next-line kv-test-purge -- <reason>',
    ]) {
      const { findings } = lint(json(c));
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.severity]),
        [['ade-suppression-missing-reason', 'info']],
      );
    }
    assert.equal(
      lint(json('// ade-lint-disable-next-line kv-test-purge'), { rules: { 'ade-suppression-missing-reason': 'off' } })
        .findings.length,
      0,
    );
  });

  it('reports unused suppressions only when asked', () => {
    const text = json('', '// ade-lint-disable-file kv-test-purge,no-such-rule -- x\n').replace('false', 'true');
    assert.equal(lint(text).findings.length, 0);
    const { findings } = lint(text, { reportUnusedSuppressions: true });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.ruleId, 'ade-suppression-unused');
  });

  it('works the same in Bicep', () => {
    const bicep = [
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {",
      "  name: 'a'",
      '  properties: {',
      '    // ade-lint-disable-next-line kv-test-purge -- test vault',
      '    enablePurgeProtection: false',
      '  }',
      '}',
    ].join('\n');
    const lines = new LineIndex(bicep);
    const at = bicep.indexOf('false');
    const model: TemplateModel = {
      ...stubArmModel('x.json', '{}'),
      file: 'main.bicep',
      language: 'bicep',
      kind: 'bicep',
      sources: new Map([['main.bicep', bicep]]),
    };
    const rule = {
      meta: purgeRule.meta,
      check: () => [{ message: 'm', location: { file: 'main.bicep', range: lines.range(at, at + 5) } }],
    };
    assert.equal(lintModel(model, { rules: [rule] }).findings.length, 0);
    const unsuppressed = { ...model, sources: new Map([['main.bicep', bicep.replace('ade-lint', 'nope')]]) };
    assert.equal(lintModel(unsuppressed, { rules: [rule] }).findings.length, 1);
  });

  describe('suppressionEdit', () => {
    const text = json('');
    const finding = lint(text).findings[0]! as Finding;

    function apply(t: string, e: ReturnType<typeof suppressionEdit>): string {
      return t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset);
    }

    it('inserts an indented next-line comment with a reason placeholder that then suppresses', () => {
      const e = suppressionEdit(finding, text, 'line', 'arm');
      assert.equal(e.file, 't.jsonc');
      assert.equal(e.newText, '        // ade-lint-disable-next-line kv-test-purge -- <reason>\n');
      const after = apply(text, e);
      const { findings } = lint(after);
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        ['ade-suppression-missing-reason'],
      );
      assert.equal(lint(after.replace('<reason>', 'test vault')).findings.length, 0);
    });

    it('inserts a file comment at the top, keeping CRLF line ends', () => {
      const crlf = text.replace(/\n/g, '\r\n');
      const e = suppressionEdit(finding, crlf, 'file', 'arm');
      assert.equal(e.range.start.offset, 0);
      assert.equal(e.newText, '// ade-lint-disable-file kv-test-purge -- <reason>\r\n');
    });

    it('adds the id to an existing suppression for the same line', () => {
      const t = json('// ade-lint-disable-next-line other -- why');
      const f = {
        ...finding,
        location: {
          ...finding.location,
          range: new LineIndex(t).range(t.indexOf('"enablePurge'), t.indexOf('"enablePurge') + 5),
        },
      };
      const after = apply(t, suppressionEdit(f, t, 'line', 'arm'));
      assert.match(after, /ade-lint-disable-next-line other,kv-test-purge -- why/);
    });
  });
});
