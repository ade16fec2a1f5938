import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtInRules, ENGINE_RULES } from '../../../src/analysis/engine';
import { ADE_VAULT_DEPENDENCIES, isAdeFocus, resolveOnly } from '../../../src/cli/focus';
import { precisionOf, securitySeverityOf } from '../../../src/cli/ranking';
import { repoRoot, runCli } from './cli-helpers';

const rules = [...builtInRules.map((r) => r.meta), ...ENGINE_RULES];
const fixture = (rule: string, name: string): string => path.join(repoRoot, 'test', 'fixtures', 'rules', rule, name);
// Errors from a rule outside ADE (secrets in a script's settings), an ADE error (KEK settings), a
// vault warning ADE depends on (purge protection) and ADE info.
const inputs = [
  fixture('ade-extension-settings-secret', 'violation.json'),
  fixture('ade-kek-settings', 'violation.json'),
  path.join(repoRoot, 'test', 'fixtures', 'engine', 'cli', 'vault-no-purge.json'),
];

/** Group headings of the text report, in order: `<rule id> <counts>`. */
function headings(stdout: string): string[] {
  return [...stdout.matchAll(/^== ([a-z0-9-]+)(?: \[ADE\])?: ([^(]*)/gm)].map((m) => `${m[1]} ${m[2]!.trim()}`);
}

describe('ade-lint focus: grouping, --only, --min-severity, SARIF ranking', () => {
  it('groups the text report by rule with counts: errors first, ADE rules first at the same level', () => {
    const r = runCli(['--no-color', ...inputs]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(headings(r.stdout), [
      'ade-kek-settings 1 error',
      'ade-extension-settings-secret 2 errors, 1 warning',
      'kv-purge-protection 1 warning',
      'ade-retirement 1 info',
      'kv-disk-encryption-flag 1 info',
    ]);
    // Each finding stays one clickable compiler-style line under its heading, and a count per rule closes.
    assert.match(
      r.stdout,
      /== ade-kek-settings \[ADE\]: 1 error[^\n]*\n[^\n]*violation\.json:\d+:\d+: error ade-kek-settings: /,
    );
    assert.match(r.stdout, /by rule:\n {2}ade-kek-settings {2,}1 error\n/);
  });

  it('--only ade keeps the ADE rules and the vault rules ADE depends on, for the report and the exit code', () => {
    const r = runCli(['--no-color', '--only', 'ade', ...inputs]);
    assert.equal(r.code, 1, r.stdout);
    assert.deepEqual(headings(r.stdout), [
      'ade-kek-settings 1 error',
      'kv-purge-protection 1 warning',
      'ade-retirement 1 info',
      'kv-disk-encryption-flag 1 info',
    ]);
    assert.match(r.stdout, /1 error, 1 warning, 2 info in 3 files \(3 findings hidden by --only \/ --min-severity\)/);
    // Without the ADE error, the non-ADE errors no longer fail the run.
    const outside = runCli(['--only', 'ade', inputs[0]!, inputs[2]!]);
    assert.equal(outside.code, 0, outside.stdout);
  });

  it('--min-severity drops findings below the level; --only takes rule ids', () => {
    const r = runCli([
      '--no-color',
      '--min-severity',
      'warning',
      '--only',
      'kv-purge-protection,ade-kek-settings',
      ...inputs,
    ]);
    assert.deepEqual(headings(r.stdout), ['ade-kek-settings 1 error', 'kv-purge-protection 1 warning']);
    const json = JSON.parse(runCli(['--format', 'json', '--min-severity', 'error', ...inputs]).stdout) as {
      files: { findings: { severity: string }[] }[];
      summary: { errors: number; warnings: number; infos: number };
    };
    assert.deepEqual([...new Set(json.files.flatMap((f) => f.findings.map((x) => x.severity)))], ['error']);
    assert.equal(json.summary.warnings + json.summary.infos, 0);
  });

  it('refuses an unknown rule or group in --only with exit 2', () => {
    const r = runCli(['--only', 'ade,kv-nope', inputs[0]!]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--only: unknown rule or group "kv-nope"/);
    assert.throws(() => resolveOnly(['ADE'], rules), /unknown rule or group "ADE"/);
  });

  it('the ADE focus is every rule tagged ade and the listed vault rules, which exist', () => {
    for (const id of ADE_VAULT_DEPENDENCIES)
      assert.ok(
        rules.some((m) => m.id === id),
        id,
      );
    const focus = rules.filter(isAdeFocus).map((m) => m.id);
    assert.ok(focus.includes('ade-kek-settings') && focus.includes('kv-soft-delete'));
    assert.ok(!focus.includes('ade-vm-no-encryption') && !focus.includes('ade-extension-settings-secret'));
  });

  it('SARIF rules carry precision and a security-severity that orders like the default severity', () => {
    const log = JSON.parse(runCli(['--format', 'sarif', inputs[2]!]).stdout) as {
      runs: {
        tool: {
          driver: {
            rules: { id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[];
          };
        };
      }[];
    };
    const driverRules = log.runs[0]!.tool.driver.rules;
    assert.equal(driverRules.length, rules.length);
    const byLevel = new Map<string, Set<number>>();
    for (const r of driverRules) {
      const p = r.properties;
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(p.precision as string), r.id);
      const sev = Number(p['security-severity']);
      assert.ok(typeof p['security-severity'] === 'string' && sev > 0 && sev <= 10, r.id);
      assert.ok((p.tags as string[]).includes('security'), r.id);
      const set = byLevel.get(r.defaultConfiguration.level) ?? new Set<number>();
      set.add(sev);
      byLevel.set(r.defaultConfiguration.level, set);
    }
    const min = (l: string): number => Math.min(...(byLevel.get(l) ?? [NaN]));
    const max = (l: string): number => Math.max(...(byLevel.get(l) ?? [NaN]));
    assert.ok(min('error') > max('warning') && min('warning') > max('note'), JSON.stringify([...byLevel]));
    const secret = rules.find((m) => m.id === 'ade-extension-settings-secret')!;
    assert.equal(precisionOf(secret), 'medium');
    assert.equal(securitySeverityOf(secret), '7.5');
  });
});
