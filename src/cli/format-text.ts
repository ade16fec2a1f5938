import type { LintResult } from '../analysis/engine/types';
import type { Finding, RuleMeta, Severity } from '../analysis/model';
import { isAdeFocus } from './focus';
import { displayPath, position1, summarize } from './report';

const COLORS: Record<Severity | 'note' | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  note: [2, 22],
  dim: [2, 22],
  bold: [1, 22],
};

export interface TextOptions {
  /** Rule metadata: titles in the group headings, ADE rules first. */
  readonly rules?: readonly RuleMeta[];
  /** Findings left out by --only / --min-severity, mentioned in the summary. */
  readonly hidden?: number;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface Group {
  readonly ruleId: string;
  readonly meta?: RuleMeta;
  readonly findings: Finding[];
  readonly counts: Record<Severity, number>;
}

/**
 * Compiler-style text: file notices first (skipped files, parse problems), then the findings
 * grouped by rule, `path:line:col: severity rule-id: message` with related places indented below
 * as `note`, then a count per rule and a summary line. Groups come errors first, ADE rules before
 * the others at the same level, then by count. Editors and CI log viewers make the
 * `path:line:col` prefix clickable.
 */
export function formatText(
  results: readonly LintResult[],
  cwd: string,
  color: boolean,
  opts: TextOptions = {},
): string {
  const paint = (kind: keyof typeof COLORS, s: string): string =>
    color ? `\x1b[${COLORS[kind][0]}m${s}\x1b[${COLORS[kind][1]}m` : s;
  const where = (file: string, loc?: { startLine: number; startColumn: number }): string =>
    loc ? `${displayPath(file, cwd)}:${loc.startLine}:${loc.startColumn}` : displayPath(file, cwd);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
  const lines: string[] = [];

  for (const r of results) {
    if (r.skipped !== undefined) lines.push(`${where(r.file)}: ${paint('note', `skipped: ${r.skipped}`)}`);
    const issues = [...r.issues].sort((a, b) =>
      a.location.file === b.location.file
        ? a.location.range.start.offset - b.location.range.start.offset
        : a.location.file < b.location.file
          ? -1
          : 1,
    );
    for (const i of issues) {
      lines.push(
        `${where(i.location.file, position1(i.location))}: ${paint(i.severity, i.severity)} ${i.code}: ${i.message}`,
      );
    }
  }

  const groups = groupByRule(results, opts.rules ?? []);
  const countText = (c: Record<Severity, number>): string =>
    (['error', 'warning', 'info'] as const)
      .filter((s) => c[s] > 0)
      .map((s) => paint(s, plural(c[s], s)))
      .join(', ');
  for (const g of groups) {
    if (lines.length > 0) lines.push('');
    const ade = g.meta && isAdeFocus(g.meta) ? ' [ADE]' : '';
    const title = g.meta ? ` (${g.meta.title})` : '';
    lines.push(`${paint('bold', `== ${g.ruleId}${ade}`)}: ${countText(g.counts)}${paint('dim', title)}`);
    for (const f of g.findings) {
      lines.push(
        `${where(f.location.file, position1(f.location))}: ${paint(f.severity, f.severity)} ${paint('bold', f.ruleId)}: ${f.message}`,
      );
      for (const rel of f.related ?? []) {
        lines.push(
          `    ${where(rel.location.file, position1(rel.location))}: ${paint('note', 'note')}: ${rel.message}`,
        );
      }
    }
  }
  if (groups.length > 1) {
    const width = Math.max(...groups.map((g) => g.ruleId.length));
    lines.push('', paint('bold', 'by rule:'));
    for (const g of groups) lines.push(`  ${g.ruleId.padEnd(width)}  ${countText(g.counts)}`);
  }
  if (lines.length > 0) lines.push('');

  const s = summarize(results);
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), `${s.infos} info`];
  let summary = `${parts.join(', ')} in ${plural(s.files, 'file')}`;
  const extra: string[] = [];
  if (s.skipped > 0) extra.push(`${s.skipped} skipped`);
  if (s.failedFiles > 0) extra.push(`${s.failedFiles} could not be analysed`);
  if ((opts.hidden ?? 0) > 0) extra.push(`${plural(opts.hidden!, 'finding')} hidden by --only / --min-severity`);
  if (extra.length > 0) summary += ` (${extra.join(', ')})`;
  lines.push(paint(s.errors > 0 || s.failedFiles > 0 ? 'error' : 'dim', summary));
  return lines.join('\n') + '\n';
}

/** Findings by rule, each group in file order; groups in the order a reader triages them. */
function groupByRule(results: readonly LintResult[], rules: readonly RuleMeta[]): Group[] {
  const metas = new Map(rules.map((m) => [m.id, m]));
  const byRule = new Map<string, Group>();
  for (const r of results) {
    for (const f of r.findings) {
      let g = byRule.get(f.ruleId);
      if (!g) {
        g = { ruleId: f.ruleId, meta: metas.get(f.ruleId), findings: [], counts: { error: 0, warning: 0, info: 0 } };
        byRule.set(f.ruleId, g);
      }
      g.findings.push(f);
      g.counts[f.severity]++;
    }
  }
  const top = (g: Group): number => Math.max(...g.findings.map((f) => RANK[f.severity]));
  const ade = (g: Group): number => (g.meta && isAdeFocus(g.meta) ? 1 : 0);
  const groups = [...byRule.values()];
  for (const g of groups) {
    g.findings.sort(
      (a, b) =>
        (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
        a.location.range.start.offset - b.location.range.start.offset,
    );
  }
  return groups.sort(
    (a, b) =>
      top(b) - top(a) ||
      ade(b) - ade(a) ||
      b.findings.length - a.findings.length ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
