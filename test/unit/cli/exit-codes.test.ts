import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliFixtures, runCli, tempDir } from './cli-helpers';

describe('ade-lint exit codes and text output', () => {
  let dir: string;
  before(() => {
    dir = tempDir('ade-cli-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help and version with exit 0', () => {
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: ade-lint/);
    const v = runCli(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown flag, a missing file and a bad config', () => {
    const flag = runCli(['--nope']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /unknown option "--nope"/);
    const missing = runCli(['does-not-exist.bicep']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does-not-exist\.bicep/);
    const cfg = path.join(dir, 'bad.json');
    fs.writeFileSync(cfg, '{ "rules": { "kv-purge-protection": "fatal" } }');
    const bad = runCli(['--config', cfg, path.join(cliFixtures, 'vault-no-purge.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"fatal" is not one of/);
  });

  it('exits 0 with warnings only, in compiler format with a summary', () => {
    const r = runCli([path.join(cliFixtures, 'vault-no-purge.json')], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /vault-no-purge\.json:17:\d+: warning kv-purge-protection: /);
    assert.match(r.stdout, /0 errors, 1 warning, 0 info in 1 file/);
  });

  it('exits 1 when the nearest .ade-lint.json raises a rule to error, and 0 when it turns it off', () => {
    const work = path.join(dir, 'proj');
    fs.mkdirSync(path.join(work, 'infra'), { recursive: true });
    fs.copyFileSync(path.join(cliFixtures, 'vault-no-purge.json'), path.join(work, 'infra', 'main.json'));
    fs.writeFileSync(path.join(work, '.ade-lint.json'), '{ "rules": { "kv-purge-protection": "error" } }');
    const r = runCli(['infra'], work);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /infra[\\/]main\.json:17:\d+: error kv-purge-protection/);
    fs.writeFileSync(path.join(work, '.ade-lint.json'), '{ "rules": { "kv-purge-protection": "off" } }');
    assert.equal(runCli(['infra'], work).code, 0);
  });

  it('honours suppression comments and exclude globs', () => {
    const r = runCli(
      [path.join(cliFixtures, 'vault-suppressed.bicep'), path.join(cliFixtures, 'vault-clean.bicep')],
      dir,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors, 0 warnings, 0 info in 2 files/);
    const work = path.join(dir, 'excl');
    fs.mkdirSync(path.join(work, 'generated'), { recursive: true });
    fs.copyFileSync(path.join(cliFixtures, 'vault-no-purge.json'), path.join(work, 'generated', 'a.json'));
    fs.writeFileSync(path.join(work, '.ade-lint.json'), '{ "exclude": ["generated/**"] }');
    assert.match(runCli(['.'], work).stdout, /in 0 files/);
  });

  it('skips a JSON file that is not a template with a notice and exit 0', () => {
    const r = runCli([path.join(cliFixtures, 'package-like.json')], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /package-like\.json: skipped: not an ARM template/);
  });

  it('writes the report to --output', () => {
    const out = path.join(dir, 'report.json');
    const r = runCli(['--format', 'json', '--output', out, path.join(cliFixtures, 'vault-no-purge.json')], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).version, 1);
  });

  it('lints a template with the values of --params, or of a parameters file named on the command line', () => {
    const params = path.join(cliFixtures, 'params');
    const alone = runCli(['--format', 'json', 'main.json'], params);
    assert.equal(alone.code, 0, alone.stderr);
    const ids = (out: string): string[] =>
      (JSON.parse(out) as { files: { findings: { ruleId: string }[] }[] }).files.flatMap((f) =>
        f.findings.map((x) => x.ruleId),
      );
    assert.ok(!ids(alone.stdout).includes('kv-purge-protection'), 'the default (true) is fine');
    const withParams = runCli(['--format', 'json', '--params', 'main.parameters.json', 'main.json'], params);
    assert.ok(ids(withParams.stdout).includes('kv-purge-protection'), withParams.stdout);
    const viaParamsFile = runCli(['--format', 'json', 'main.parameters.json'], params);
    const report = JSON.parse(viaParamsFile.stdout) as { files: { kind: string; template?: string }[] };
    assert.equal(report.files[0]!.kind, 'armParameters');
    assert.equal(report.files[0]!.template, 'main.json');
    assert.ok(ids(viaParamsFile.stdout).includes('kv-purge-protection'));
    // Found by walking a folder, a parameters file is not linted on its own (no duplicate findings).
    const folder = JSON.parse(runCli(['--format', 'json', '.'], params).stdout) as {
      files: { path: string; skipped?: string }[];
    };
    assert.match(folder.files.find((f) => f.path === 'main.parameters.json')!.skipped!, /parameters file/);
  });
});
