// A .bicep file and the ARM JSON `bicep build` makes of it must give the same findings: the
// same rules on the same resources. The JSON files in test/fixtures/engine/pairs are written in
// the compiler's output style (classic resource arrays, and languageVersion 2.0 symbolic
// resources and nested deployments for modules).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInRules, lintModel, loadModel, nodeHost } from '../../../src/analysis/engine';
import { stringValue, type Finding, type TemplateModel } from '../../../src/analysis/model';

const pairsDir = path.join(process.cwd(), 'test', 'fixtures', 'engine', 'pairs');

async function lint(file: string): Promise<{ model: TemplateModel; findings: Finding[] }> {
  const outcome = await loadModel(file, fs.readFileSync(file, 'utf8'), { host: nodeHost });
  if ('result' in outcome)
    throw new Error(`${file}: ${outcome.result.skipped ?? JSON.stringify(outcome.result.issues)}`);
  return { model: outcome.model, findings: lintModel(outcome.model, { rules: builtInRules }).findings };
}

/** `rule-id type/name`, the identity of a finding independent of the source language. */
function signature(model: TemplateModel, findings: readonly Finding[]): string[] {
  const byId = new Map(model.resources.map((r) => [r.id, r]));
  return findings
    .map((f) => {
      const r = f.resourceId === undefined ? undefined : byId.get(f.resourceId);
      const where = r ? `${r.type.toLowerCase()} ${stringValue(r.name)?.toLowerCase() ?? '?'}` : '(no resource)';
      return `${f.ruleId} ${where}`;
    })
    .sort();
}

describe('Bicep / compiled ARM pairs give the same findings', function () {
  this.timeout(60_000);

  for (const name of ['vault-key', 'vm-ade', 'module-call']) {
    it(name, async () => {
      const bicep = await lint(path.join(pairsDir, `${name}.bicep`));
      const arm = await lint(path.join(pairsDir, `${name}.json`));
      assert.deepEqual(
        bicep.model.issues.filter((i) => i.severity === 'error'),
        [],
      );
      assert.deepEqual(
        arm.model.issues.filter((i) => i.severity === 'error'),
        [],
      );
      const sig = signature(bicep.model, bicep.findings);
      assert.ok(sig.length > 0, 'the fixture should produce findings');
      assert.deepEqual(signature(arm.model, arm.findings), sig);
    });
  }

  it('symbolic-name ARM (languageVersion 2.0) keeps the Bicep resource ids', async () => {
    const bicep = await lint(path.join(pairsDir, 'vm-ade.bicep'));
    const arm = await lint(path.join(pairsDir, 'vm-ade.json'));
    const ids = (fs: Finding[]): string[] => fs.map((f) => `${f.ruleId} ${f.resourceId}`).sort();
    assert.deepEqual(ids(arm.findings), ids(bicep.findings));
  });

  it("reports a module's passed-in value at the caller's argument (Bicep module and nested deployment)", async () => {
    const bicepFile = path.join(pairsDir, 'module-call.bicep');
    const bicep = await lint(bicepFile);
    const purge = bicep.findings.find((f) => f.ruleId === 'kv-purge-protection');
    assert.ok(purge, 'purge protection finding expected');
    assert.equal(purge.location.file, bicepFile);
    const text = fs.readFileSync(bicepFile, 'utf8');
    assert.equal(text.slice(purge.location.range.start.offset, purge.location.range.end.offset), 'false');
    assert.ok(purge.related?.some((r) => r.location.file.endsWith(path.join('modules', 'vault.bicep'))));

    const jsonFile = path.join(pairsDir, 'module-call.json');
    const arm = await lint(jsonFile);
    const armPurge = arm.findings.find((f) => f.ruleId === 'kv-purge-protection')!;
    const jsonText = fs.readFileSync(jsonFile, 'utf8');
    // The nested deployment's `parameters.purgeProtection.value`, where the value is set.
    assert.equal(
      armPurge.location.range.start.line,
      jsonText.slice(0, jsonText.indexOf('"value": false')).split('\n').length - 1,
    );
  });
});
