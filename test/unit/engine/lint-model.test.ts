import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, lintModel, type LintConfig } from '../../../src/analysis/engine';
import { LineIndex, type Resource, type Rule, type TemplateModel } from '../../../src/analysis/model';
import { armText, origin, purgeRule, stubArmModel } from './stub-model';

const vaults = armText([
  { type: 'Microsoft.KeyVault/vaults', name: 'a', properties: { enablePurgeProtection: false } },
  { type: 'Microsoft.KeyVault/vaults', name: 'b', properties: { enablePurgeProtection: true } },
]);

function config(rules: LintConfig['rules'], extra: Partial<LintConfig> = {}): LintConfig {
  return { ...DEFAULT_CONFIG, rules, ...extra };
}

describe('lintModel', () => {
  it('uses the rule default severity and resource id', () => {
    const { findings } = lintModel(stubArmModel('t.json', vaults), { rules: [purgeRule] });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'warning');
    assert.equal(findings[0]!.resourceId, 'a');
    assert.equal(findings[0]!.location.range.start.line, 8);
  });

  it('applies configured severities and drops rules set to off', () => {
    const m = stubArmModel('t.json', vaults);
    assert.equal(
      lintModel(m, { rules: [purgeRule], config: config({ 'kv-test-purge': 'error' }) }).findings[0]!.severity,
      'error',
    );
    assert.equal(
      lintModel(m, { rules: [purgeRule], config: config({ 'kv-test-purge': 'info' }) }).findings[0]!.severity,
      'info',
    );
    assert.equal(lintModel(m, { rules: [purgeRule], config: config({ 'kv-test-purge': 'off' }) }).findings.length, 0);
  });

  it("keeps a report's own downgrade (unknown value → info) even when the config raises the rule", () => {
    const m = stubArmModel('t.json', vaults);
    const rule: Rule = {
      meta: purgeRule.meta,
      *check(ctx) {
        for (const r of purgeRule.check(ctx)) yield { ...r, severity: 'info' as const };
      },
    };
    assert.equal(
      lintModel(m, { rules: [rule], config: config({ 'kv-test-purge': 'error' }) }).findings[0]!.severity,
      'info',
    );
  });

  it('reports a throwing rule as an internal-error issue and still runs the others', () => {
    const broken: Rule = {
      meta: { ...purgeRule.meta, id: 'kv-broken' },
      check() {
        throw new Error('boom');
      },
    };
    const { findings, issues } = lintModel(stubArmModel('t.json', vaults), { rules: [broken, purgeRule] });
    assert.equal(findings.length, 1);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, 'internal-error');
    assert.match(issues[0]!.message, /kv-broken/);
    assert.match(issues[0]!.message, /boom/);
  });

  it('de-duplicates identical reports', () => {
    const twice: Rule = {
      meta: purgeRule.meta,
      *check(ctx) {
        yield* purgeRule.check(ctx);
        yield* purgeRule.check(ctx);
      },
    };
    assert.equal(lintModel(stubArmModel('t.json', vaults), { rules: [twice] }).findings.length, 1);
  });

  describe('module mapping', () => {
    // The entry file passes `false` to a module whose vault uses the parameter.
    const main = "module kv 'kv.bicep' = {\n  name: 'kv'\n  params: {\n    purge: false\n  }\n}\n";
    const modText = armText([
      { type: 'Microsoft.KeyVault/vaults', name: 'inner', properties: { enablePurgeProtection: false } },
    ]);
    const mainLines = new LineIndex(main);
    const argStart = main.indexOf('false');
    const call = { name: 'kv', location: { file: 'main.bicep', range: mainLines.range(0, 9) }, targetFile: 'kv.json' };

    function moduleModel(withOrigin: boolean): TemplateModel {
      const mod = stubArmModel('kv.json', modText);
      const r = mod.resources[0]!;
      const props = r.body.properties.find((p) => p.key === 'properties')!.value;
      if (props.kind !== 'object') throw new Error('fixture');
      const flag = props.properties[0]!;
      const value = {
        ...flag.value,
        ...(withOrigin
          ? { origins: [origin('moduleArgument', 'purge', 'main.bicep', mainLines, argStart, argStart + 5)] }
          : {}),
      };
      const newProps = { ...props, properties: [{ ...flag, value }] };
      const body = {
        ...r.body,
        properties: r.body.properties.map((p) => (p.key === 'properties' ? { ...p, value: newProps } : p)),
      };
      const resource: Resource = { ...r, body, properties: newProps, via: [call] };
      return {
        ...mod,
        file: 'main.bicep',
        language: 'bicep',
        kind: 'bicep',
        resources: [resource],
        sources: new Map([
          ['main.bicep', main],
          ['kv.json', modText],
        ]),
      };
    }

    it("moves a finding on a passed-in value to the caller's argument, keeping the module place as related", () => {
      const { findings } = lintModel(moduleModel(true), { rules: [purgeRule] });
      assert.equal(findings.length, 1);
      const f = findings[0]!;
      assert.equal(f.location.file, 'main.bicep');
      assert.equal(f.location.range.start.offset, argStart);
      assert.equal(f.location.range.start.line, 3);
      assert.equal(f.related?.[0]?.location.file, 'kv.json');
      assert.match(f.related![0]!.message, /module 'kv'/);
    });

    it('leaves a hard-coded module value in the module, with the call as context', () => {
      const { findings } = lintModel(moduleModel(false), { rules: [purgeRule] });
      assert.equal(findings[0]!.location.file, 'kv.json');
      assert.equal(findings[0]!.related?.[0]?.location.file, 'main.bicep');
    });

    it('honours a suppression at the caller argument', () => {
      const m = moduleModel(true);
      const suppressed = main.replace(
        '    purge: false',
        '    // ade-lint-disable-next-line kv-test-purge -- test vault\n    purge: false',
      );
      const lines = new LineIndex(suppressed);
      const at = suppressed.indexOf('false');
      const r = m.resources[0]!;
      // Re-point the origin at the shifted argument.
      const remap = JSON.parse(JSON.stringify(r.body)) as typeof r.body;
      const props = remap.properties.find((p) => p.key === 'properties')!.value;
      if (props.kind !== 'object') throw new Error('fixture');
      (props.properties[0]!.value as { origins: unknown }).origins = [
        origin('moduleArgument', 'purge', 'main.bicep', lines, at, at + 5),
      ];
      const model = {
        ...m,
        resources: [{ ...r, body: remap, properties: props }],
        sources: new Map([...m.sources, ['main.bicep', suppressed]]),
      };
      assert.equal(lintModel(model, { rules: [purgeRule] }).findings.length, 0);
    });
  });
});
