/** Command-line parsing for `ade-lint`; no dependencies, strict about unknown flags. */

import type { Severity } from '../analysis/model';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  readonly inputs: readonly string[];
  readonly format: OutputFormat;
  readonly config?: string;
  readonly params?: string;
  readonly output?: string;
  readonly color: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Worker threads to use; 0 lints in this thread (mainly for tests and debugging). */
  readonly jobs?: number;
  /** `--only`: rule ids and groups (`ade`) whose findings are reported; all when absent. */
  readonly only?: readonly string[];
  /** `--min-severity`: findings below it are not reported. */
  readonly minSeverity?: Severity;
}

/** Wrong usage: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: ade-lint [options] [files | folders | globs...]

Lints Bicep and ARM JSON templates for Azure Disk Encryption and Key Vault problems.
Folders are searched recursively for .bicep, .json and .jsonc files (node_modules and hidden
folders such as .git are skipped); JSON files that are not ARM templates are skipped with a notice. With no inputs, the
current folder is linted.

Options:
  --format <text|json|sarif>  output format (default: text)
  --config <path>             use this config file instead of the nearest .ade-lint.json
  --params <file>             parameters file (JSON, or .bicepparam for Bicep) whose values the templates are linted with
  --output <file>             write the report to a file instead of standard output
  --only <rules>              report only these rules: "ade" (the ADE rules and the vault rules ADE
                              depends on: enabledForDiskEncryption, soft delete, firewall, key strength,
                              purge protection) and/or rule ids, comma-separated
  --min-severity <level>      report only findings at or above error, warning or info (default: info)
  --jobs <n>                  worker threads (default: cores - 1; 0 = no workers)
  --no-color                  plain text output (also when NO_COLOR is set or not a terminal)
  --help                      show this help
  --version                   show the version

Suppressing a finding (Bicep and JSON alike):
  // ade-lint-disable-next-line <rule-id>[,<rule-id>] -- <reason>
  // ade-lint-disable-file <rule-id|*> -- <reason>
A suppression without a reason still applies but is reported (ade-suppression-missing-reason).

Config file (.ade-lint.json, nearest one above each file):
  { "rules": { "<rule-id>": "error" | "warning" | "info" | "off" },
    "exclude": ["generated/**"], "parameters": { "main.json": "main.parameters.json" },
    "maxFileSizeMB": 10, "budgetMs": 5000, "reportUnusedSuppressions": false }
  budgetMs: time allowed to parse and evaluate one file, per 32 KB of it (default 5000); a file
  over it is reported as "too complex to analyse" and the others are linted as usual.

The text report lists file notices first, then the findings grouped by rule (errors first, ADE
rules before others at the same level) with counts, and a count per rule at the end. JSON and
SARIF carry the same findings; SARIF rules have "precision" and "security-severity" properties
for code-scanning dashboards.

Exit codes: 0 no errors (warnings and info allowed), 1 error-level findings or files that could
not be analysed, 2 bad usage or configuration. --only and --min-severity apply to the exit code
too: "--only ade" fails a build on ADE errors only.`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, isTty = false): CliOptions {
  const inputs: string[] = [];
  let format: OutputFormat = 'text';
  let config: string | undefined;
  let params: string | undefined;
  let output: string | undefined;
  let jobs: number | undefined;
  let only: string[] | undefined;
  let minSeverity: Severity | undefined;
  let color = isTty && env.NO_COLOR === undefined;
  let help = false;
  let version = false;
  let onlyFiles = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--':
        onlyFiles = true;
        break;
      case '--format':
      case '-f': {
        const v = value();
        if (!FORMATS.includes(v as OutputFormat))
          throw new UsageError(`unknown format "${v}" (use ${FORMATS.join(', ')})`);
        format = v as OutputFormat;
        break;
      }
      case '--config':
      case '-c':
        config = value();
        break;
      case '--params':
      case '-p':
        params = value();
        break;
      case '--output':
      case '-o':
        output = value();
        break;
      case '--jobs':
      case '-j': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--jobs needs a whole number, got "${v}"`);
        jobs = Number(v);
        break;
      }
      case '--only': {
        const names = value()
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '');
        if (names.length === 0) throw new UsageError('--only needs a rule id or "ade"');
        only = [...(only ?? []), ...names];
        break;
      }
      case '--min-severity': {
        const v = value().toLowerCase();
        if (!SEVERITIES.includes(v as Severity))
          throw new UsageError(`unknown severity "${v}" for --min-severity (use ${SEVERITIES.join(', ')})`);
        minSeverity = v as Severity;
        break;
      }
      case '--no-color':
        color = false;
        break;
      case '--color':
        color = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
      case '-v':
        version = true;
        break;
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  return { inputs, format, config, params, output, color, help, version, jobs, only, minSeverity };
}
