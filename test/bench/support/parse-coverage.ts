// Counts the regions a lint report says could not be read (`parse-error` file issues), in two views:
//   - own: each region once, in the file that holds it (how much of the set the grammar reads);
//   - as linted: per linted file, modules included, so a region in a shared module counts for every
//     file that calls it (what a user linting the set sees).
import type { JsonReport } from '../../../src/cli/format-json';

export interface ParseCoverage {
  readonly files: number;
  readonly ownFiles: number;
  readonly ownRegions: number;
  readonly lintedFiles: number;
  readonly lintedRegions: number;
  /** `path:line` of each own region, in report order. */
  readonly regions: readonly string[];
}

export function parseCoverage(report: JsonReport): ParseCoverage {
  const own = new Set<string>();
  const ownFiles = new Set<string>();
  let lintedFiles = 0;
  let lintedRegions = 0;
  for (const f of report.files) {
    const errors = f.issues.filter((i) => i.code === 'parse-error');
    if (errors.length > 0) lintedFiles++;
    lintedRegions += errors.length;
    for (const i of errors) {
      const l = i.location;
      // A module's region shows in each caller's report too: count it once, where it is.
      if (l.path !== f.path) continue;
      ownFiles.add(f.path);
      own.add(`${l.path}:${l.startLine}:${l.startColumn}:${l.endLine}:${l.endColumn}`);
    }
  }
  const regions = [...own].map((k) => k.split(':').slice(0, 2).join(':'));
  return {
    files: report.files.length,
    ownFiles: ownFiles.size,
    ownRegions: own.size,
    lintedFiles,
    lintedRegions,
    regions,
  };
}
