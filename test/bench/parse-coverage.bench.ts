// Parse coverage of the Bicep grammar on Azure Verified Modules (../shared/corpus/bicep-registry-modules-all,
// another folder with ADE_CORPUS_DIR): how many files have regions the parser could not read
// (`parse-error` issues, skipped by the analysis). Goal: 0 files. Two views:
//   - own: each file parsed alone, each region counted once in the file that holds it (grammar coverage);
//   - as linted: modules followed as the linter does, so a region in a shared module counts for
//     every file that calls it (what a user of `ade-lint` over the set sees).
// Set ADE_COVERAGE_LIST=n to print the first n regions. Reported, never asserted.
// Run with `npm run bench -- parse-coverage`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBicepFile } from '../../src/analysis/bicep';

const CORPUS = path.join('..', 'shared', 'corpus', 'bicep-registry-modules-all');

function bicepFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) bicepFiles(p, out);
    else if (e.name.endsWith('.bicep')) out.push(p);
  }
  return out;
}

interface Region {
  readonly file: string;
  readonly line: number;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.cwd(), process.env.ADE_CORPUS_DIR ?? CORPUS);
  if (!fs.existsSync(dir)) {
    console.log(`parse coverage: ${dir} not found; set ADE_CORPUS_DIR to a folder of .bicep files (skipped)`);
    return;
  }
  const files = bicepFiles(dir).sort();
  const own: Region[] = [];
  const ownFiles = new Set<string>();
  const lintedFiles = new Set<string>();
  let lintedRegions = 0;
  const started = performance.now();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const model = await parseBicepFile(file, text);
    for (const issue of model.issues) {
      if (issue.code !== 'parse-error') continue;
      lintedRegions++;
      lintedFiles.add(file);
      if (issue.location.file !== file) continue;
      ownFiles.add(file);
      own.push({ file, line: issue.location.range.start.line + 1 });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rel = path.relative(process.cwd(), dir) || '.';
  console.log(`\nBicep parse coverage over ${rel} (${files.length} .bicep files, ${seconds.toFixed(1)} s)`);
  console.log('view        files with skipped regions   skipped regions');
  console.log(`own         ${pad(ownFiles.size, 28)} ${own.length}`);
  console.log(`as linted   ${pad(lintedFiles.size, 28)} ${lintedRegions}`);
  const list = Number(process.env.ADE_COVERAGE_LIST ?? 0);
  for (const r of own.slice(0, list)) console.log(`  ${path.relative(dir, r.file)}:${r.line}`);
}

function pad(n: number, width: number): string {
  return String(n).padEnd(width, ' ');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
