import { ArmReparser } from '../arm/incremental';
import { BicepReparser } from '../bicep/incremental';
import type { Reread, ResourceChange } from '../model/shift';
import type { IndentProfile, ParseIssue, Resource, Rule, TemplateModel, WorkLimit } from '../model';
import { AnalysisStopped, indentProfile, InsideChangeError, keepsIndentUnit, sourceFacts } from '../model';
import { lintOutcome, loadModel } from './analyze';
import { detectArmFileKind } from '../arm';
import { carryBodyRefs, computeComponents, type Components } from './components';
import { DEFAULT_CONFIG, type LintConfig } from './config';
import { defaultRules } from './defaults';
import {
  bicepNestingDepth,
  languageForPath,
  looksBinary,
  MAX_BICEP_NESTING,
  tooComplexResult,
  tooLargeReason,
} from './guards';
import { finishLint, runRules, type RawFinding } from './lint-model';
import type { AnalyzeOptions, LintResult } from './types';

/** A lint result with the model it came from and whether earlier work was reused. */
export interface IncrementalResult {
  readonly result: LintResult;
  readonly model?: TemplateModel;
  /** How many resources had their rules run again (all of them after a full lint). */
  readonly relinted: number;
}

/** The rule findings of one lint, and the rules that failed. */
interface Run {
  readonly raw: RawFinding[];
  readonly ruleIssues: ParseIssue[];
  readonly relinted: number;
}

interface Previous {
  readonly model: TemplateModel;
  readonly components: Components;
  /** Rule findings of each resource, before suppressions and de-duplication. */
  readonly rawByResource: ReadonlyMap<string, readonly RawFinding[]>;
  readonly settings: string;
  readonly rules: readonly Rule[];
  readonly indent: IndentProfile;
  /** Ids of the rules that spanned the file (`Rule.spansFile`) and ran whole. */
  readonly wholeFile: ReadonlySet<string>;
}

/**
 * Lints one file again and again as it is edited (the editor's path; one per open document). For
 * an ARM template, an edit inside one resource re-reads only that resource; for a Bicep file, an
 * edit inside one declaration re-reads it and the declarations that use it. Rules re-run only on
 * the resources related to what was read again (see `computeComponents`); everything else is
 * reused. Every other file, and every edit that cannot be handled that way, is a full lint: the
 * findings are always those `analyzeFile` gives for the same text.
 */
export class IncrementalLinter {
  private reparser?: ArmReparser | BicepReparser;
  private previous?: Previous;

  constructor(
    readonly file: string,
    private readonly opts: AnalyzeOptions,
  ) {}

  /**
   * `limit` bounds the work (default: the options'); over it, the result is one `too-complex`
   * issue. Throws `AnalysisStopped` only when the limit says the request was cancelled.
   */
  async lint(
    text: string,
    config: LintConfig = this.opts.config ?? DEFAULT_CONFIG,
    limit: WorkLimit | undefined = this.opts.limit,
  ): Promise<IncrementalResult> {
    const language = this.rereadable(text, config, limit);
    if (!language) return this.fullLint(text, config, limit);
    try {
      return this.lintReread(await this.reread(language, text, limit), text, config);
    } catch (e) {
      if (e instanceof AnalysisStopped) {
        this.dropReparser();
        this.previous = undefined;
        if (e.reason === 'cancelled') throw e;
        return { result: tooComplexResult(this.file, e.message), relinted: 0 };
      }
      // A failure of the incremental path must cost the reuse, never the lint.
      return this.fullLint(text, config, limit);
    }
  }

  /** Frees what is kept for the next lint (the Bicep syntax tree lives in WebAssembly memory). */
  dispose(): void {
    this.dropReparser();
    this.previous = undefined;
  }

  /** The language of a file the incremental path can read, or undefined for a full lint. */
  private rereadable(text: string, config: LintConfig, limit: WorkLimit | undefined): 'arm' | 'bicep' | undefined {
    const o = this.opts;
    if (o.parsers || o.parametersText !== undefined || o.parametersFile !== undefined) return undefined;
    if (tooLargeReason(Buffer.byteLength(text, 'utf8'), config.maxFileSizeMB) || looksBinary(text)) return undefined;
    const language = languageForPath(this.file);
    // The full path declines deeply nested Bicep before parsing; so does this one.
    if (language === 'bicep') {
      return limit && bicepNestingDepth(text, MAX_BICEP_NESTING) > MAX_BICEP_NESTING ? undefined : 'bicep';
    }
    if (language !== 'json') return undefined;
    // Linked templates are read through the host: only the full path follows them.
    return detectArmFileKind(text) === 'armTemplate' && !/"relativePath"\s*:/i.test(text) ? 'arm' : undefined;
  }

  private async reread(language: 'arm' | 'bicep', text: string, limit: WorkLimit | undefined): Promise<Reread> {
    if (language === 'arm') {
      if (!(this.reparser instanceof ArmReparser)) {
        this.dropReparser();
        this.reparser = new ArmReparser(this.file);
      }
      return this.reparser.read(text, limit);
    }
    if (!(this.reparser instanceof BicepReparser)) {
      this.dropReparser();
      this.reparser = new BicepReparser(this.file, this.opts.host);
    }
    return this.reparser.read(text, limit);
  }

  private dropReparser(): void {
    if (this.reparser instanceof BicepReparser) this.reparser.dispose();
    this.reparser = undefined;
  }

  private async fullLint(text: string, config: LintConfig, limit: WorkLimit | undefined): Promise<IncrementalResult> {
    this.dropReparser();
    this.previous = undefined;
    const opts = { ...this.opts, config, limit };
    const outcome = await loadModel(this.file, text, opts);
    const result = lintOutcome(this.file, outcome, opts);
    return { result, model: 'model' in outcome ? outcome.model : undefined, relinted: Number.POSITIVE_INFINITY };
  }

  private lintReread({ model, change }: Reread, text: string, config: LintConfig): IncrementalResult {
    const rules = this.opts.rules ?? defaultRules;
    const settings = JSON.stringify(config.rules);
    const prev = this.previous;
    const reused =
      change && prev && prev.rules === rules && prev.settings === settings
        ? this.relintChanged(prev, model, change, text, rules, config)
        : undefined;
    const run = reused ?? this.relintAll(model, text, rules, config);
    const { findings, issues } = finishLint(model, run.raw, run.ruleIssues, rules, config);
    return { result: { file: this.file, kind: model.kind, findings, issues }, model, relinted: run.relinted };
  }

  private relintAll(model: TemplateModel, text: string, rules: readonly Rule[], config: LintConfig): Run {
    const { raw, issues } = runRules(model, model, rules, config);
    // Rules spanning the file run whole on every lint: only the other findings are kept per resource.
    const wholeFile = wholeFileRules(model, rules);
    const byResource = groupByResource(raw.filter((f) => !wholeFile.has(f.finding.ruleId)));
    // Findings that belong to no resource, or a rule that failed, cannot be reused piecewise.
    this.previous =
      byResource && issues.length === 0
        ? {
            model,
            components: computeComponents(model.resources),
            rawByResource: byResource,
            settings: JSON.stringify(config.rules),
            rules,
            indent: indentProfile(text),
            wholeFile,
          }
        : undefined;
    return { raw, ruleIssues: issues, relinted: model.resources.length };
  }

  /** Re-runs the rules on the components a change touched; reuses the other findings, moved. */
  private relintChanged(
    prev: Previous,
    model: TemplateModel,
    change: ResourceChange,
    text: string,
    rules: readonly Rule[],
    config: LintConfig,
  ): Run | undefined {
    const oldText = prev.model.sources.get(this.file) ?? '';
    if (!keepsIndentUnit(prev.indent, oldText, text, change.shifter.change)) return undefined;
    const unit = sourceFacts(prev.model.sources, this.file).indentUnit;
    if (unit !== undefined) sourceFacts(model.sources, this.file).indentUnit ??= unit;

    const changed = new Set([...change.before, ...change.after]);
    const oldById = new Map(prev.model.resources.map((r) => [r.id, r]));
    for (const r of model.resources) {
      const old = oldById.get(r.id);
      if (old && !changed.has(r.id)) carryBodyRefs(old, r);
    }
    const components = computeComponents(model.resources);
    const affected = new Set<string>();
    for (const id of changed) {
      for (const c of [prev.components, components]) {
        const n = c.of.get(id);
        if (n !== undefined) for (const member of c.members.get(n) ?? []) affected.add(member);
      }
    }
    // A rule that starts or stops spanning the file cannot reuse its findings per resource.
    const wholeFile = wholeFileRules(model, rules);
    if (!sameSet(wholeFile, prev.wholeFile)) return undefined;
    const subject: TemplateModel = { ...model, resources: model.resources.filter((r) => affected.has(r.id)) };
    const fresh = runRules(
      model,
      subject,
      rules.filter((r) => !wholeFile.has(r.meta.id)),
      config,
    );
    const whole = runRules(
      model,
      model,
      rules.filter((r) => wholeFile.has(r.meta.id)),
      config,
    );
    if (fresh.issues.length > 0 || whole.issues.length > 0) return undefined;
    const freshByResource = groupByResource(fresh.raw);
    if (!freshByResource) return undefined;

    const rawByResource = new Map<string, readonly RawFinding[]>();
    try {
      for (const r of model.resources) {
        if (affected.has(r.id)) {
          const list = freshByResource.get(r.id);
          if (list) rawByResource.set(r.id, list);
          continue;
        }
        const old = prev.rawByResource.get(r.id);
        if (!old) continue;
        const s = change.shifter;
        rawByResource.set(
          r.id,
          s.identity ? old : old.map((f) => ({ finding: s.finding(f.finding), reported: s.location(f.reported) })),
        );
      }
    } catch (e) {
      if (e instanceof InsideChangeError) return undefined;
      throw e;
    }
    this.previous = { ...prev, model, components, rawByResource };
    return {
      raw: [...ordered(rawByResource, model.resources, rules), ...whole.raw],
      ruleIssues: [],
      relinted: subject.resources.length,
    };
  }
}

/** Ids of the rules whose findings span the file in this model (they run on the whole file). */
function wholeFileRules(model: TemplateModel, rules: readonly Rule[]): Set<string> {
  return new Set(rules.filter((r) => r.spansFile?.(model) === true).map((r) => r.meta.id));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Raw findings grouped by the resource they are about; undefined when one has none. */
function groupByResource(raw: readonly RawFinding[]): Map<string, RawFinding[]> | undefined {
  const m = new Map<string, RawFinding[]>();
  for (const f of raw) {
    const id = f.finding.resourceId;
    if (id === undefined) return undefined;
    const list = m.get(id);
    if (list) list.push(f);
    else m.set(id, [f]);
  }
  return m;
}

/** Findings in the order a full lint produces them: by rule, then by resource. */
function ordered(
  byResource: ReadonlyMap<string, readonly RawFinding[]>,
  resources: readonly Resource[],
  rules: readonly Rule[],
): RawFinding[] {
  const ruleRank = new Map(rules.map((r, i) => [r.meta.id, i]));
  const out: { f: RawFinding; rule: number; seq: number }[] = [];
  let seq = 0;
  for (const r of resources) {
    for (const f of byResource.get(r.id) ?? []) out.push({ f, rule: ruleRank.get(f.finding.ruleId) ?? 0, seq: seq++ });
  }
  out.sort((a, b) => a.rule - b.rule || a.seq - b.seq);
  return out.map((o) => o.f);
}
