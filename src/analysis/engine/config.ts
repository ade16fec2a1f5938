import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../model';

/**
 * `.ade-lint.json`, found by walking up from the linted file (or given with `--config`):
 *
 * ```jsonc
 * {
 *   "rules": { "kv-purge-protection": "error", "kv-key-expiry": "off" },
 *   "exclude": ["generated/**", "*.old.json"],
 *   "parameters": { "main.json": "main.prod.parameters.json" },
 *   "maxFileSizeMB": 10,
 *   "budgetMs": 500,
 *   "reportUnusedSuppressions": false
 * }
 * ```
 *
 * `exclude` globs and `parameters` paths are relative to the config file's folder. `parameters`
 * maps a template (glob) to the parameters file whose values it is linted with.
 */
export interface LintConfig {
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly exclude: readonly string[];
  readonly parameters: Readonly<Record<string, string>>;
  /** Files larger than this are skipped with a notice rather than parsed. */
  readonly maxFileSizeMB: number;
  /**
   * Time allowed to parse and evaluate one file (per 32 KB of it); past it the file gets one
   * "too complex" notice instead of findings. Unset: the caller's default.
   */
  readonly budgetMs?: number;
  /** Report suppression comments that suppressed nothing (info findings). */
  readonly reportUnusedSuppressions: boolean;
  /** The folder relative paths are resolved against; unset for the built-in defaults. */
  readonly baseDir?: string;
  /** The config file this came from, for messages. */
  readonly source?: string;
}

export const CONFIG_FILE_NAME = '.ade-lint.json';
export const DEFAULT_MAX_FILE_SIZE_MB = 10;

export const DEFAULT_CONFIG: LintConfig = Object.freeze({
  rules: {},
  exclude: [],
  parameters: {},
  maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB,
  reportUnusedSuppressions: false,
});

/** A config file that cannot be used. The CLI prints `message` and exits with 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid configuration ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ParsedConfig {
  readonly config: LintConfig;
  /** Things worth telling the user that do not make the config unusable (unknown rule ids). */
  readonly warnings: readonly string[];
}

const LEVELS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const KNOWN_KEYS = new Set([
  '$schema',
  'rules',
  'exclude',
  'parameters',
  'maxFileSizeMB',
  'budgetMs',
  'reportUnusedSuppressions',
]);

/**
 * Validates a config text. Structural problems (wrong types, unknown keys, bad levels) are errors:
 * a silently ignored setting is worse than a failed run. A rule id we do not know is a warning,
 * so a config written for a newer version still works with an older one.
 */
export function parseConfig(text: string, file: string, knownRuleIds?: ReadonlySet<string>): ParsedConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    throw new ConfigError(file, [`not valid JSON: ${printParseErrorCode(e.error)} at offset ${e.offset}`]);
  }
  if (!isRecord(raw)) throw new ConfigError(file, ['the file must contain a JSON object']);

  const problems: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown setting "${key}" (known: ${[...KNOWN_KEYS].slice(1).join(', ')})`);
  }

  const rules: Record<string, SeveritySetting> = {};
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules))
      problems.push('"rules" must be an object of rule id → "error" | "warning" | "info" | "off"');
    else {
      for (const [id, level] of Object.entries(raw.rules)) {
        if (typeof level !== 'string' || !LEVELS.includes(level as SeveritySetting)) {
          problems.push(`rules.${id}: ${JSON.stringify(level)} is not one of ${LEVELS.join(', ')}`);
          continue;
        }
        if (knownRuleIds && !knownRuleIds.has(id))
          warnings.push(`${file}: unknown rule id "${id}"${suggest(id, knownRuleIds)}`);
        rules[id] = level as SeveritySetting;
      }
    }
  }

  const exclude = stringArray(raw.exclude, 'exclude', problems);
  const parameters: Record<string, string> = {};
  if (raw.parameters !== undefined) {
    if (!isRecord(raw.parameters)) problems.push('"parameters" must map a template glob to a parameters file path');
    else {
      for (const [glob, p] of Object.entries(raw.parameters)) {
        if (typeof p !== 'string' || p === '') problems.push(`parameters.${glob}: must be a parameters file path`);
        else parameters[glob] = p;
      }
    }
  }

  let maxFileSizeMB = DEFAULT_MAX_FILE_SIZE_MB;
  if (raw.maxFileSizeMB !== undefined) {
    if (typeof raw.maxFileSizeMB !== 'number' || !(raw.maxFileSizeMB > 0)) {
      problems.push('"maxFileSizeMB" must be a positive number');
    } else maxFileSizeMB = raw.maxFileSizeMB;
  }
  let budgetMs: number | undefined;
  if (raw.budgetMs !== undefined) {
    if (typeof raw.budgetMs !== 'number' || !(raw.budgetMs >= 10)) {
      problems.push('"budgetMs" must be a number of milliseconds, at least 10');
    } else budgetMs = raw.budgetMs;
  }
  let reportUnusedSuppressions = false;
  if (raw.reportUnusedSuppressions !== undefined) {
    if (typeof raw.reportUnusedSuppressions !== 'boolean')
      problems.push('"reportUnusedSuppressions" must be true or false');
    else reportUnusedSuppressions = raw.reportUnusedSuppressions;
  }

  if (problems.length > 0) throw new ConfigError(file, problems);
  return {
    config: {
      rules,
      exclude,
      parameters,
      maxFileSizeMB,
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      reportUnusedSuppressions,
      baseDir: path.dirname(file),
      source: file,
    },
    warnings,
  };
}

/** The nearest `.ade-lint.json` at or above `startDir`, if any. */
export function findConfigFile(startDir: string, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (exists(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and validates a config file; throws ConfigError when it is missing or invalid. */
export function loadConfigFile(file: string, knownRuleIds?: ReadonlySet<string>): ParsedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  return parseConfig(text, path.resolve(file), knownRuleIds);
}

function stringArray(v: unknown, name: string, problems: string[]): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
    problems.push(`"${name}" must be an array of non-empty strings`);
    return [];
  }
  return v as string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "did you mean" for a mistyped id: the known id with the smallest edit distance, if close. */
function suggest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(id.length / 4)) + 1;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
