// The large real-world run: the CLI over every template of Azure Verified Modules (the copy beside
// the project, ../shared/corpus/bicep-registry-modules-all; another folder with ADE_CORPUS_DIR).
// Prints files, seconds, internal errors, file issues by code and findings by rule and severity,
// then every error-level finding, which a person should be able to act on. Fails only when the
// CLI crashes or reports an internal error; timings are reported, never asserted.
// Run with `npm run bench -- corpus`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInRules } from '../../src/analysis/engine';
import { isAdeFocus } from '../../src/cli/focus';
import { AVM_CORPUS, machineLine, runCliOverCorpus, table, zero, type SeverityCounts } from './support/corpus-run';

/** Error-level findings printed one by one; beyond this many only the count is shown. */
const LIST_LIMIT = Number(process.env.ADE_CORPUS_LIST ?? 100);

function main(): void {
  const root = process.cwd();
  const dir = path.resolve(root, process.env.ADE_CORPUS_DIR ?? AVM_CORPUS);
  if (!fs.existsSync(dir)) {
    console.log(`corpus: ${dir} not found; put Azure/bicep-registry-modules there or set ADE_CORPUS_DIR (skipped)`);
    return;
  }
  const machine = machineLine();
  const run = runCliOverCorpus(root, dir);
  const rel = dir.startsWith(path.dirname(root)) ? path.relative(root, dir) || '.' : dir;

  console.log(`\nade-lint over ${rel}`);
  console.log(`machine: ${machine}`);
  console.log(
    table([
      ['files', '.bicep', '.json', 'skipped (not templates)', 'seconds', 'files/s', 'internal errors', 'exit code'],
      [
        String(run.files),
        String(run.filesByExtension.get('bicep') ?? 0),
        String((run.filesByExtension.get('json') ?? 0) + (run.filesByExtension.get('jsonc') ?? 0)),
        String(run.skipped),
        run.seconds.toFixed(1),
        (run.files / run.seconds).toFixed(0),
        String(run.internalErrors),
        String(run.exitCode),
      ],
    ]),
  );

  const counts = (c: SeverityCounts): string[] => [String(c.error), String(c.warning), String(c.info)];
  const issues = [...run.issuesByCode].sort(([a], [b]) => a.localeCompare(b));
  console.log(
    '\n' +
      table([
        ['file issues by code', 'files', 'error', 'warning', 'info'],
        ...issues.map(([code, c]) => [code, String(run.filesByIssueCode.get(code) ?? 0), ...counts(c)]),
      ]),
  );
  // Errors first, then warnings, then info, each by count: the order a reader triages in.
  const rules = [...run.findingsByRule].sort(
    ([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || a.localeCompare(b),
  );
  console.log(
    '\n' +
      table([
        ['findings by rule', 'error', 'warning', 'info'],
        ...rules.map(([id, c]) => [id, ...counts(c)]),
        ['total', ...counts(run.totals)],
      ]),
  );

  // What `--only ade` keeps: the ADE rules and the vault rules ADE depends on.
  const ade = zero();
  const metas = new Map(builtInRules.map((r) => [r.meta.id, r.meta]));
  for (const [id, c] of run.findingsByRule) {
    const meta = metas.get(id);
    if (!meta || !isAdeFocus(meta)) continue;
    for (const k of ['error', 'warning', 'info'] as const) ade[k] += c[k];
  }
  const n = (x: number, word: string): string => `${x} ${word}${x === 1 ? '' : 's'}`;
  console.log(`(--only ade keeps ${n(ade.error, 'error')}, ${n(ade.warning, 'warning')}, ${ade.info} info)`);

  const errors = (run.report?.files ?? []).flatMap((f) =>
    f.findings.filter((x) => x.severity === 'error').map((x) => ({ ...x, file: f.path })),
  );
  if (errors.length > 0) {
    console.log(`\nerror-level findings (${errors.length}):`);
    for (const x of errors.slice(0, LIST_LIMIT)) {
      console.log(
        `  ${path.relative(dir, path.resolve(root, x.location.path))}:${x.location.startLine} ${x.ruleId}: ${x.message}`,
      );
    }
    if (errors.length > LIST_LIMIT) console.log(`  ... ${errors.length - LIST_LIMIT} more (ADE_CORPUS_LIST=n)`);
  }
  console.log('(ADE_CORPUS_DIR: another folder of templates; ADE_CORPUS_LIST: error-level findings to print)\n');

  const crashed = run.report === undefined || run.exitCode === 2;
  if (crashed) console.log(`corpus: the CLI did not produce a report (exit ${run.exitCode}):\n${run.stderr}`);
  if (run.internalErrors > 0) console.log(`corpus: ${run.internalErrors} files failed with an internal error`);
  if (crashed || run.internalErrors > 0) process.exitCode = 1;
}

main();
