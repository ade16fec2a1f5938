import type { LintResult } from '../analysis/engine/types';
import type { Severity } from '../analysis/model';
import { displayPath, position1, summarize } from './report';

const COLORS: Record<Severity | 'note' | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  note: [2, 22],
  dim: [2, 22],
  bold: [1, 22],
};

/**
 * Compiler-style text: `path:line:col: severity rule-id: message`, related places indented
 * below as `note`, skipped files as notices, and a summary line. Editors and CI log viewers
 * make the `path:line:col` prefix clickable.
 */
export function formatText(results: readonly LintResult[], cwd: string, color: boolean): string {
  const paint = (kind: keyof typeof COLORS, s: string): string =>
    color ? `\x1b[${COLORS[kind][0]}m${s}\x1b[${COLORS[kind][1]}m` : s;
  const where = (file: string, loc?: { startLine: number; startColumn: number }): string =>
    loc ? `${displayPath(file, cwd)}:${loc.startLine}:${loc.startColumn}` : displayPath(file, cwd);
  const lines: string[] = [];
  for (const r of results) {
    if (r.skipped !== undefined) lines.push(`${where(r.file)}: ${paint('note', `skipped: ${r.skipped}`)}`);
    // Issues and findings interleaved in file order, as a compiler would print them.
    const entries: { file: string; offset: number; text: string[] }[] = [];
    for (const i of r.issues) {
      entries.push({
        file: i.location.file,
        offset: i.location.range.start.offset,
        text: [
          `${where(i.location.file, position1(i.location))}: ${paint(i.severity, i.severity)} ${i.code}: ${i.message}`,
        ],
      });
    }
    for (const f of r.findings) {
      const text = [
        `${where(f.location.file, position1(f.location))}: ${paint(f.severity, f.severity)} ${paint('bold', f.ruleId)}: ${f.message}`,
      ];
      for (const rel of f.related ?? []) {
        text.push(`    ${where(rel.location.file, position1(rel.location))}: ${paint('note', 'note')}: ${rel.message}`);
      }
      entries.push({ file: f.location.file, offset: f.location.range.start.offset, text });
    }
    entries.sort((a, b) => (a.file === b.file ? a.offset - b.offset : a.file < b.file ? -1 : 1));
    for (const e of entries) lines.push(...e.text);
  }
  const s = summarize(results);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), `${s.infos} info`];
  let summary = `${parts.join(', ')} in ${plural(s.files, 'file')}`;
  const extra: string[] = [];
  if (s.skipped > 0) extra.push(`${s.skipped} skipped`);
  if (s.failedFiles > 0) extra.push(`${s.failedFiles} could not be analysed`);
  if (extra.length > 0) summary += ` (${extra.join(', ')})`;
  lines.push(paint(s.errors > 0 || s.failedFiles > 0 ? 'error' : 'dim', summary));
  return lines.join('\n') + '\n';
}
