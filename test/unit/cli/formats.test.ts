import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliFixtures, runCli, tempDir } from './cli-helpers';

type J = Record<string, unknown>;
const obj = (v: unknown, where: string): J => {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `${where} must be an object`);
  return v as J;
};
const arr = (v: unknown, where: string, min = 0): unknown[] => {
  assert.ok(Array.isArray(v), `${where} must be an array`);
  assert.ok(v.length >= min, `${where} needs at least ${min} item(s)`);
  return v;
};

/** The SARIF 2.1.0 schema's required properties and value constraints for what we emit. */
function checkSarif(log: unknown): void {
  const l = obj(log, 'log');
  assert.equal(l.version, '2.1.0');
  for (const [ri, runV] of arr(l.runs, 'runs', 1).entries()) {
    const run = obj(runV, `runs[${ri}]`);
    const driver = obj(obj(run.tool, 'tool').driver, 'tool.driver');
    assert.equal(typeof driver.name, 'string');
    const ids = new Set<string>();
    for (const [i, rV] of arr(driver.rules, 'driver.rules').entries()) {
      const r = obj(rV, `rules[${i}]`);
      assert.equal(typeof r.id, 'string');
      assert.ok(!ids.has(r.id as string), `duplicate rule id ${String(r.id)}`);
      ids.add(r.id as string);
      checkMessage(r.shortDescription, `rules[${i}].shortDescription`);
      checkMessage(r.fullDescription, `rules[${i}].fullDescription`);
      assert.ok(
        ['none', 'note', 'warning', 'error'].includes(
          obj(r.defaultConfiguration, 'defaultConfiguration').level as string,
        ),
      );
      if (r.helpUri !== undefined)
        assert.doesNotThrow(() => new URL(r.helpUri as string), 'helpUri must be an absolute URI');
      const taxonomies = run.taxonomies === undefined ? [] : arr(run.taxonomies, 'taxonomies');
      for (const relV of (r.relationships as unknown[] | undefined) ?? []) {
        const target = obj(obj(relV, 'relationship').target, 'relationship.target');
        assert.equal(typeof target.id, 'string');
        const tc = obj(target.toolComponent, 'toolComponent');
        const tax = obj(taxonomies[tc.index as number], 'referenced taxonomy');
        assert.equal(tax.name, tc.name);
      }
    }
    for (const [i, inv] of arr(run.invocations, 'invocations').entries()) {
      const v = obj(inv, `invocations[${i}]`);
      assert.equal(typeof v.executionSuccessful, 'boolean');
      for (const n of (v.toolExecutionNotifications as unknown[] | undefined) ?? [])
        checkMessage(obj(n, 'notification').message, 'notification');
    }
    for (const [i, resV] of arr(run.results, 'results').entries()) {
      const res = obj(resV, `results[${i}]`);
      checkMessage(res.message, `results[${i}].message`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(res.level as string));
      if (res.ruleIndex !== undefined)
        assert.equal(obj(arr(driver.rules, 'rules')[res.ruleIndex as number], 'rule').id, res.ruleId);
      for (const locV of arr(res.locations, 'locations', 1)) checkPhysical(obj(locV, 'location').physicalLocation);
      for (const locV of (res.relatedLocations as unknown[] | undefined) ?? []) {
        const loc = obj(locV, 'relatedLocation');
        assert.ok(Number.isInteger(loc.id) && (loc.id as number) >= -1);
        checkPhysical(loc.physicalLocation);
      }
      for (const fixV of (res.fixes as unknown[] | undefined) ?? []) {
        for (const chV of arr(obj(fixV, 'fix').artifactChanges, 'artifactChanges', 1)) {
          const ch = obj(chV, 'artifactChange');
          obj(ch.artifactLocation, 'artifactChange.artifactLocation');
          for (const repV of arr(ch.replacements, 'replacements', 1))
            checkRegion(obj(repV, 'replacement').deletedRegion);
        }
      }
    }
  }
}

function checkMessage(m: unknown, where: string): void {
  const o = obj(m, where);
  assert.ok(typeof o.text === 'string' || typeof o.id === 'string', `${where} needs text or id`);
}

function checkPhysical(p: unknown): void {
  const o = obj(p, 'physicalLocation');
  const a = obj(o.artifactLocation, 'artifactLocation');
  assert.equal(typeof a.uri, 'string');
  assert.ok(!(a.uri as string).includes('\\'), 'URIs use forward slashes');
  if (o.region !== undefined) checkRegion(o.region);
}

function checkRegion(r: unknown): void {
  const o = obj(r, 'region');
  for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    assert.ok(Number.isInteger(o[k]) && (o[k] as number) >= 1, `region.${k} must be an integer >= 1`);
  }
  assert.ok((o.endLine as number) >= (o.startLine as number));
  if (o.endLine === o.startLine) assert.ok((o.endColumn as number) >= (o.startColumn as number));
}

describe('ade-lint report formats', () => {
  let dir: string;
  before(() => {
    dir = tempDir('ade-fmt-');
    fs.copyFileSync(path.join(cliFixtures, 'vault-no-purge.json'), path.join(dir, 'my vault.json'));
    fs.copyFileSync(path.join(cliFixtures, 'package-like.json'), path.join(dir, 'package.json'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JSON: the documented stable shape with 1-based positions and relative paths', () => {
    const r = runCli(['--format', 'json', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as J;
    assert.equal(report.version, 1);
    assert.deepEqual(Object.keys(obj(report.tool, 'tool')), ['name', 'version']);
    const files = arr(report.files, 'files') as J[];
    assert.deepEqual(
      files.map((f) => [f.path, f.kind, f.skipped !== undefined]),
      [
        ['my vault.json', 'armTemplate', false],
        ['package.json', 'notATemplate', true],
      ],
    );
    const finding = (files[0]!.findings as J[]).find((f) => f.ruleId === 'kv-purge-protection')!;
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(Object.keys(obj(finding.location, 'location')), [
      'path',
      'startLine',
      'startColumn',
      'endLine',
      'endColumn',
    ]);
    assert.equal(obj(finding.location, 'location').startLine, 17);
    assert.deepEqual(report.summary, { files: 2, skipped: 1, errors: 0, warnings: 1, infos: 0, failedFiles: 0 });
  });

  it('SARIF 2.1.0: required properties, rules with metadata, relative URIs, skip notices', () => {
    const r = runCli(['--format', 'sarif', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout) as J;
    checkSarif(log);
    const run = (log.runs as J[])[0]!;
    const results = run.results as J[];
    const purge = results.find((x) => x.ruleId === 'kv-purge-protection')!;
    const art = obj(obj(obj((purge.locations as J[])[0], 'loc').physicalLocation, 'pl').artifactLocation, 'al');
    assert.equal(art.uri, 'my%20vault.json');
    assert.equal(art.uriBaseId, '%SRCROOT%');
    const rules = obj(run.tool, 'tool').driver as J;
    const meta = (rules.rules as J[]).find((x) => x.id === 'kv-purge-protection')!;
    assert.equal(obj(meta.defaultConfiguration, 'dc').level, 'warning');
    assert.ok(Array.isArray(obj(meta.properties, 'props').tags));
    const notes = obj((run.invocations as J[])[0], 'inv').toolExecutionNotifications as J[];
    assert.ok(notes.some((n) => /skipped: not an ARM template/.test(String(obj(n.message, 'm').text))));
  });

  it('SARIF: fixes carry artifact changes with replacement regions', () => {
    const r = runCli(['--format', 'sarif', path.join(dir, 'my vault.json')], dir);
    const run = (JSON.parse(r.stdout) as { runs: J[] }).runs[0]!;
    const withFix = (run.results as J[]).filter((x) => Array.isArray(x.fixes));
    // Whether a rule offers a fix is the rule's business; when it does, the shape must hold.
    for (const res of withFix) assert.ok(arr(res.fixes, 'fixes', 1).length > 0);
  });
});
