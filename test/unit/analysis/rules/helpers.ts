import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule, RuleReport, TemplateModel, TextEdit } from '../../../../src/analysis/model';
import { parseArmFile } from '../../../../src/analysis/arm';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import { createRuleContext } from '../../../../src/analysis/engine/context';
import { allRules } from '../../../../src/analysis/rules';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const ROOT = findRoot();

export function fixturePath(id: string, name: string): string {
  return path.join(ROOT, 'test', 'fixtures', 'rules', id, name);
}

export function readFixture(id: string, name: string): { file: string; text: string } | undefined {
  const file = fixturePath(id, name);
  if (!fs.existsSync(file)) return undefined;
  return { file, text: fs.readFileSync(file, 'utf8') };
}

export async function parse(file: string, text: string): Promise<TemplateModel> {
  if (file.endsWith('.bicep')) return parseBicepFile(file, text, undefined, { followModules: false });
  return parseArmFile(file, text);
}

export function getRule(id: string): Rule {
  const r = allRules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

export async function run(
  id: string,
  file: string,
  text: string,
): Promise<{ model: TemplateModel; reports: RuleReport[] }> {
  const model = await parse(file, text);
  const reports = [...getRule(id).check(createRuleContext(model))];
  return { model, reports };
}

/** Applies edits (all in one file) to a text, last first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

export interface Expected {
  /** 1-based line of the finding's start. */
  readonly line: number;
  readonly severity?: 'error' | 'warning' | 'info';
  /** Substring of the message. */
  readonly message?: string;
  /** 1-based lines of related locations (provenance), in order. */
  readonly related?: readonly number[];
  /** Whether a fix is offered (default: not checked). */
  readonly fix?: boolean;
}

export interface Suite {
  /** Expected findings of the violation fixtures; omit a language that has no fixture. */
  readonly violation: { readonly json?: readonly Expected[]; readonly bicep?: readonly Expected[] };
  /** Extra violation fixtures (file name → expected findings). */
  readonly more?: Readonly<Record<string, readonly Expected[]>>;
}

function describeReports(reports: readonly RuleReport[]): string {
  return reports.map((r) => `${r.location.range.start.line + 1}:${r.severity ?? '-'} ${r.message}`).join('\n');
}

/**
 * Checks a rule against its fixtures: exact count and lines of findings in the violation files,
 * none in the clean files, and every offered fix applied + re-parsed removes its finding.
 */
export function ruleSuite(id: string, suite: Suite): void {
  describe(`rule ${id}`, () => {
    const cases: [string, readonly Expected[]][] = [];
    if (suite.violation.json) cases.push(['violation.json', suite.violation.json]);
    if (suite.violation.bicep) cases.push(['violation.bicep', suite.violation.bicep]);
    for (const [name, exp] of Object.entries(suite.more ?? {})) cases.push([name, exp]);
    for (const [name, expected] of cases) {
      it(`reports ${expected.length} finding(s) in ${name}`, async () => {
        const fx = readFixture(id, name);
        assert.ok(fx, `missing fixture ${name}`);
        const { reports } = await run(id, fx.file, fx.text);
        const lines = reports.map((r) => r.location.range.start.line + 1);
        assert.deepEqual(
          lines,
          expected.map((e) => e.line),
          describeReports(reports),
        );
        reports.forEach((r, i) => {
          const e = expected[i]!;
          assert.equal(r.location.file, fx.file);
          assert.ok(r.location.range.end.offset >= r.location.range.start.offset);
          if (e.severity) assert.equal(r.severity ?? getRule(id).meta.defaultSeverity, e.severity, r.message);
          if (e.message) assert.ok(r.message.includes(e.message), `"${r.message}" lacks "${e.message}"`);
          if (e.related)
            assert.deepEqual(
              (r.related ?? []).map((x) => x.location.range.start.line + 1),
              e.related,
              r.message,
            );
          if (e.fix !== undefined) assert.equal((r.fixes?.length ?? 0) > 0, e.fix, `fix offered? ${r.message}`);
        });
      });
      it(`fixes in ${name} apply and remove their finding`, async () => {
        const fx = readFixture(id, name);
        assert.ok(fx);
        const { reports } = await run(id, fx.file, fx.text);
        for (const r of reports) {
          const fix = r.fixes?.find((f) => f.preferred) ?? r.fixes?.[0];
          if (!fix) continue;
          for (const e of fix.edits) assert.equal(e.file, fx.file, 'fix edits stay in the fixture');
          const fixed = applyEdits(fx.text, fix.edits);
          const again = await run(id, fx.file, fixed);
          assert.equal(
            again.model.issues.filter((i) => i.severity === 'error').length,
            0,
            `fixed text parses:\n${fixed}`,
          );
          assert.ok(
            again.reports.length < reports.length,
            `fix "${fix.title}" did not remove a finding:\n${fixed}\n${describeReports(again.reports)}`,
          );
          assert.ok(
            !again.reports.some((x) => x.message === r.message),
            `finding still present after "${fix.title}":\n${fixed}`,
          );
        }
      });
    }
    for (const name of ['clean.json', 'clean.bicep']) {
      it(`reports nothing in ${name}`, async function () {
        const fx = readFixture(id, name);
        if (!fx) return this.skip();
        const { reports, model } = await run(id, fx.file, fx.text);
        assert.equal(model.issues.filter((i) => i.severity === 'error').length, 0, JSON.stringify(model.issues));
        assert.deepEqual(
          reports.map((r) => r.message),
          [],
        );
      });
    }
  });
}
