/**
 * `ade-lint`: lints Bicep and ARM templates from the command line (bundled to dist/cli.js).
 * Exit codes: 0 clean (warnings/info allowed), 1 errors or files that could not be analysed,
 * 2 bad usage or configuration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version as toolVersion } from '../../package.json';
import { builtInRules, ConfigError, ENGINE_RULES } from '../analysis/engine';
import type { LintTask } from '../analysis/engine/task';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { ConfigResolver } from './config-resolver';
import { discoverInputs } from './discover';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { applyFilter, resolveOnly } from './focus';
import { defaultWorkerCount, lintInPool } from './pool';
import { dropRepeatedFindings, exitCodeFor, summarize } from './report';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv, io.env, io.isTty);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message);
    throw e;
  }
  if (opts.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (opts.version) {
    io.stdout(`${toolVersion}\n`);
    return 0;
  }

  const { files, missing } = discoverInputs(opts.inputs.length > 0 ? opts.inputs : ['.'], io.cwd);
  if (missing.length > 0) return usageError(io, `no such file, folder or matching glob: ${missing.join(', ')}`);
  const params = opts.params === undefined ? undefined : path.resolve(io.cwd, opts.params);
  if (params !== undefined && !fs.existsSync(params))
    return usageError(io, `parameters file not found: ${opts.params}`);

  const ruleIds = new Set([...builtInRules, ...ENGINE_RULES.map((meta) => ({ meta }))].map((r) => r.meta.id));
  const configs = new ConfigResolver(
    ruleIds,
    opts.config === undefined ? undefined : path.resolve(io.cwd, opts.config),
  );
  const tasks: LintTask[] = [];
  try {
    for (const f of files) {
      const config = configs.forFile(f.path);
      if (!f.explicit && configs.isExcluded(f.path, config)) continue;
      const isTemplateSource = /\.(jsonc?|bicep)$/i.test(f.path);
      const parametersFile = isTemplateSource ? (params ?? configs.parametersFor(f.path, config)) : undefined;
      tasks.push({ file: f.path, config, parametersFile, followParameters: f.explicit });
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`ade-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const w of configs.warnings) io.stderr(`ade-lint: warning: ${w}\n`);

  const results = dropRepeatedFindings(
    await lintInPool(tasks, {
      workerFile: path.join(__dirname, 'lint-worker.js'),
      workers: opts.jobs ?? defaultWorkerCount(),
    }),
  );

  const rules = [...builtInRules.map((r) => r.meta), ...ENGINE_RULES];
  let shown: ReturnType<typeof applyFilter>;
  try {
    const only = opts.only === undefined ? undefined : resolveOnly(opts.only, rules);
    shown = applyFilter(results, { rules: only, minSeverity: opts.minSeverity });
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message);
    throw e;
  }
  const report =
    opts.format === 'json'
      ? formatJson(shown.results, io.cwd, toolVersion)
      : opts.format === 'sarif'
        ? formatSarif(shown.results, { cwd: io.cwd, toolVersion, rules })
        : formatText(shown.results, io.cwd, opts.color && opts.output === undefined, { rules, hidden: shown.hidden });
  if (opts.output !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, opts.output), report);
    } catch (e) {
      io.stderr(`ade-lint: cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
  } else io.stdout(report);
  return exitCodeFor(summarize(shown.results));
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`ade-lint: ${message}\nRun "ade-lint --help" for usage.\n`);
  return 2;
}

if (require.main === module) {
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ade-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
