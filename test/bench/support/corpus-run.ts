// Runs the built CLI (dist/cli.js) over a folder of real templates and tallies its JSON report:
// files, wall time, internal errors, file issues by code, findings by rule and severity. Shared by
// the benchmarks that look at a large real-world set (the corpus bench and others).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { walk } from '../../../src/cli/discover';
import type { JsonReport } from '../../../src/cli/format-json';

/** Every `.bicep` of Azure Verified Modules at one commit, beside the project (see its MANIFEST). */
export const AVM_CORPUS = path.join('..', 'shared', 'corpus', 'bicep-registry-modules-all');

/** File issues that mean the tool failed on a file, as opposed to the file being unreadable to it. */
export const INTERNAL_ISSUE_CODES: ReadonlySet<string> = new Set(['internal-error', 'timeout']);

export type SeverityCounts = Record<'error' | 'warning' | 'info', number>;

export interface CorpusTally {
  /** Files in the report (each discovered file once; module files are linted on their own too). */
  readonly files: number;
  readonly skipped: number;
  /** Files with an `internal-error` or `timeout` issue. */
  readonly internalErrors: number;
  /** File issues by code (parse-error, module-not-found, ...), counted by severity. */
  readonly issuesByCode: ReadonlyMap<string, SeverityCounts>;
  /** Files with at least one issue of the code. */
  readonly filesByIssueCode: ReadonlyMap<string, number>;
  /** Findings by rule id, counted by severity. */
  readonly findingsByRule: ReadonlyMap<string, SeverityCounts>;
  readonly totals: SeverityCounts;
}

export interface CorpusRun extends CorpusTally {
  readonly dir: string;
  /** Files the CLI finds below `dir`, by extension (`bicep`, `json`, `jsonc`). */
  readonly filesByExtension: ReadonlyMap<string, number>;
  readonly seconds: number;
  readonly exitCode: number | null;
  /** What the CLI wrote to stderr (a crash of the whole run shows here). */
  readonly stderr: string;
  readonly report: JsonReport | undefined;
}

export function zero(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

/** Counts a report; pure, so it is unit-tested on its own. */
export function tallyReport(report: JsonReport): CorpusTally {
  const issuesByCode = new Map<string, SeverityCounts>();
  const filesByIssueCode = new Map<string, number>();
  const findingsByRule = new Map<string, SeverityCounts>();
  const totals = zero();
  let internalErrors = 0;
  const bump = (map: Map<string, SeverityCounts>, key: string, severity: string): void => {
    const counts = map.get(key) ?? zero();
    if (severity === 'error' || severity === 'warning' || severity === 'info') counts[severity]++;
    map.set(key, counts);
  };
  for (const f of report.files) {
    const codes = new Set<string>();
    for (const i of f.issues) {
      bump(issuesByCode, i.code, i.severity);
      codes.add(i.code);
    }
    for (const c of codes) filesByIssueCode.set(c, (filesByIssueCode.get(c) ?? 0) + 1);
    if ([...codes].some((c) => INTERNAL_ISSUE_CODES.has(c))) internalErrors++;
    for (const x of f.findings) {
      bump(findingsByRule, x.ruleId, x.severity);
      if (x.severity === 'error' || x.severity === 'warning' || x.severity === 'info') totals[x.severity]++;
    }
  }
  return {
    files: report.files.length,
    skipped: report.summary.skipped,
    internalErrors,
    issuesByCode,
    filesByIssueCode,
    findingsByRule,
    totals,
  };
}

/** Files the CLI discovers below `dir`, counted by extension. */
export function countByExtension(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of walk(dir)) {
    const ext = path.extname(f).slice(1).toLowerCase();
    counts.set(ext, (counts.get(ext) ?? 0) + 1);
  }
  return counts;
}

/**
 * Lints `dir` with the CLI in a child process (`--format json`), as a user would, and tallies the
 * report. `root` is the project folder holding dist/cli.js; `args` are extra CLI options.
 */
export function runCliOverCorpus(root: string, dir: string, args: readonly string[] = []): CorpusRun {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ade-corpus-')), 'report.json');
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), dir, '--format', 'json', '--output', out, '--no-color', ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - t0) / 1000;
  let report: JsonReport | undefined;
  if (fs.existsSync(out)) {
    report = JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
  const tally = report
    ? tallyReport(report)
    : {
        files: 0,
        skipped: 0,
        internalErrors: 0,
        issuesByCode: new Map(),
        filesByIssueCode: new Map(),
        findingsByRule: new Map(),
        totals: zero(),
      };
  return {
    ...tally,
    dir,
    filesByExtension: countByExtension(dir),
    seconds,
    exitCode: r.status,
    stderr: r.stderr ?? '',
    report,
  };
}

/** One line about the machine, printed with every real-world table (timings depend on it). */
export function machineLine(): string {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const load = os.loadavg()[0]!.toFixed(1);
  return `${cores} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load ${load} at start`;
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
