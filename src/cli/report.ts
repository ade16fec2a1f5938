import * as path from 'node:path';
import { findingKey } from '../analysis/engine/lint-model';
import type { Finding, Severity, SourceLocation } from '../analysis/model';
import type { LintResult } from '../analysis/engine/types';

/** Counts shared by every format and by the exit code. */
export interface Summary {
  readonly files: number;
  readonly skipped: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Files that could not be (fully) analysed: error-level parse or internal issues. */
  readonly failedFiles: number;
}

export function summarize(results: readonly LintResult[]): Summary {
  let skipped = 0;
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let failedFiles = 0;
  for (const r of results) {
    if (r.skipped !== undefined) skipped++;
    if (r.issues.some((i) => i.severity === 'error')) failedFiles++;
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { files: results.length, skipped, errors, warnings, infos, failedFiles };
}

/** 0 clean (warnings and info allowed); 1 errors, or files we could not analyse. */
export function exitCodeFor(summary: Summary): 0 | 1 {
  return summary.errors > 0 || summary.failedFiles > 0 ? 1 : 0;
}

/** 1-based positions, as compilers, SARIF and most CI annotators expect. */
export interface Position1 {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function position1(loc: SourceLocation): Position1 {
  const { start, end } = loc.range;
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** A path for display: relative to the working folder when below it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** The same path with forward slashes, for URIs and the JSON report. */
export function portablePath(file: string, cwd: string): string {
  return displayPath(file, cwd).split(path.sep).join('/');
}

/**
 * A module file linted on its own and through its caller yields the same finding twice: same rule
 * and place, the message differing at most in how the resource is named ('keyVault' alone,
 * 'nestedDependencies/keyVault' or the evaluated name through the caller). Across files, keep one
 * per rule and place: the most severe, else the first. Findings of one lint at the same place
 * stay (a rule may report two problems there).
 */
export function dropRepeatedFindings(results: readonly LintResult[]): LintResult[] {
  const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
  const placeKey = (f: Finding): string => {
    const { file, range } = f.location;
    return `${f.ruleId}\0${file}\0${range.start.offset}\0${range.end.offset}`;
  };
  // The result (index) each place is kept from, chosen by severity, then order.
  const owner = new Map<string, { result: number; rank: number }>();
  results.forEach((r, i) => {
    for (const f of r.findings) {
      const k = placeKey(f);
      const prev = owner.get(k);
      if (prev === undefined || RANK[f.severity] > prev.rank) owner.set(k, { result: i, rank: RANK[f.severity] });
    }
  });
  const seen = new Set<string>();
  return results.map((r, i) => {
    const findings = r.findings.filter((f) => {
      if (owner.get(placeKey(f))!.result !== i) return false;
      const k = findingKey(f);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return findings.length === r.findings.length ? r : { ...r, findings };
  });
}
