import * as path from 'node:path';
import { DEFAULT_CONFIG, findConfigFile, loadConfigFile, type LintConfig } from '../analysis/engine';
import { createMatcher, globToRegExp } from '../analysis/engine/glob';

/**
 * The config for each linted file: `--config` for all, else the nearest `.ade-lint.json` above
 * the file (each config file read and validated once).
 */
export class ConfigResolver {
  readonly warnings: string[] = [];
  private readonly byFile = new Map<string, LintConfig>();
  private readonly byDir = new Map<string, string | undefined>();
  private readonly excluders = new Map<LintConfig, (rel: string) => boolean>();
  private explicit: LintConfig | undefined;

  constructor(
    private readonly knownRuleIds: ReadonlySet<string>,
    private readonly explicitPath?: string,
  ) {}

  forFile(file: string): LintConfig {
    if (this.explicitPath !== undefined) return (this.explicit ??= this.load(this.explicitPath));
    const dir = path.dirname(file);
    let configPath = this.byDir.get(dir);
    if (!this.byDir.has(dir)) {
      configPath = findConfigFile(dir);
      this.byDir.set(dir, configPath);
    }
    return configPath === undefined ? DEFAULT_CONFIG : this.load(configPath);
  }

  isExcluded(file: string, config: LintConfig): boolean {
    const rel = relativeTo(config, file);
    if (rel === undefined || config.exclude.length === 0) return false;
    let m = this.excluders.get(config);
    if (!m) this.excluders.set(config, (m = createMatcher(config.exclude)));
    return m(rel);
  }

  /** The parameters file the config maps this template to, if any. */
  parametersFor(file: string, config: LintConfig): string | undefined {
    const rel = relativeTo(config, file);
    if (rel === undefined) return undefined;
    for (const [glob, params] of Object.entries(config.parameters)) {
      if (globToRegExp(glob).test(rel)) return path.resolve(config.baseDir!, params);
    }
    return undefined;
  }

  private load(configPath: string): LintConfig {
    let c = this.byFile.get(configPath);
    if (!c) {
      const parsed = loadConfigFile(configPath, this.knownRuleIds);
      this.warnings.push(...parsed.warnings);
      c = parsed.config;
      this.byFile.set(configPath, c);
    }
    return c;
  }
}

function relativeTo(config: LintConfig, file: string): string | undefined {
  if (config.baseDir === undefined) return undefined;
  const rel = path.relative(config.baseDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
}
