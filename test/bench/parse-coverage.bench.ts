// Parse coverage of the Bicep grammar on Azure Verified Modules (../shared/corpus/bicep-registry-modules-all,
// another folder with ADE_CORPUS_DIR): files with regions the parser could not read (`parse-error`
// issues, skipped by the analysis), counted from the CLI's report (see support/parse-coverage.ts for
// the two views). Goal: 0 files. ADE_COVERAGE_LIST=n prints the first n regions. Reported, never
// asserted; fails only when the CLI produced no report.
// Run with `npm run bench -- parse-coverage`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AVM_CORPUS, machineLine, runCliOverCorpus, table } from './support/corpus-run';
import { parseCoverage } from './support/parse-coverage';

function main(): void {
  const root = process.cwd();
  const dir = path.resolve(root, process.env.ADE_CORPUS_DIR ?? AVM_CORPUS);
  if (!fs.existsSync(dir)) {
    console.log(`parse coverage: ${dir} not found; set ADE_CORPUS_DIR to a folder of .bicep files (skipped)`);
    return;
  }
  const run = runCliOverCorpus(root, dir);
  if (!run.report) {
    console.log(`parse coverage: the CLI wrote no report (exit ${run.exitCode})\n${run.stderr}`);
    process.exitCode = 1;
    return;
  }
  const c = parseCoverage(run.report);
  console.log(
    `\nBicep parse coverage over ${path.relative(root, dir) || '.'}: ${c.files} files, ${run.seconds.toFixed(1)} s`,
  );
  console.log(`machine: ${machineLine()}`);
  console.log(
    table([
      ['view', 'files with skipped regions', 'skipped regions'],
      ['own (each region once, in its file)', String(c.ownFiles), String(c.ownRegions)],
      ['as linted (modules included)', String(c.lintedFiles), String(c.lintedRegions)],
    ]),
  );
  const list = Number(process.env.ADE_COVERAGE_LIST ?? 0);
  for (const r of c.regions.slice(0, list)) console.log(`  ${r}`);
}

main();
