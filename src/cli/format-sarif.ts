import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from '../analysis/engine/types';
import type { EquivalentIds, Finding, RuleMeta, Severity, SourceLocation } from '../analysis/model';
import { precisionOf, securitySeverityOf } from './ranking';
import { position1, portablePath } from './report';

/**
 * SARIF 2.1.0 (`--format sarif`), for GitHub code scanning, Azure DevOps and SARIF viewers.
 * Locations are relative to `%SRCROOT%` (the working folder); regions are 1-based with UTF-16
 * columns (SARIF's default `columnKind`). Equivalent ids in other tools (Checkov, KICS, PSRule...)
 * are expressed as taxonomies plus rule `relationships`, so a team can map old suppressions.
 * Parse problems and skipped files are tool execution notifications, not results: they are not
 * findings about the code.
 */
type Json = Record<string, unknown>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';
/** GitHub's `problem.severity` for rules without a security severity (ours all have one). */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
const EQUIVALENT_TOOLS: Record<keyof EquivalentIds, string> = {
  checkov: 'Checkov',
  kics: 'KICS',
  psrule: 'PSRule for Azure',
  trivy: 'Trivy',
  azurePolicy: 'Azure Policy',
  templateAnalyzer: 'Template Analyzer',
};

export interface SarifOptions {
  readonly cwd: string;
  readonly toolVersion: string;
  readonly rules: readonly RuleMeta[];
  /** Base for `helpUri` (`<base>/<docs path>`), e.g. the repository's blob URL; omitted when unknown. */
  readonly docsBaseUri?: string;
}

export function buildSarif(results: readonly LintResult[], opts: SarifOptions): Json {
  const ruleIndex = new Map(opts.rules.map((r, i) => [r.id, i]));
  const taxonomies = buildTaxonomies(opts.rules);
  const artifact = (file: string): Json => {
    const rel = portablePath(file, opts.cwd);
    return path.isAbsolute(rel) ? { uri: pathToFileURL(rel).href } : { uri: encodeUri(rel), uriBaseId: SRCROOT };
  };
  const physical = (loc: SourceLocation): Json => ({
    artifactLocation: artifact(loc.file),
    region: { ...position1(loc) },
  });

  const sarifResults = results.flatMap((r) => r.findings.map((f) => result(f)));
  function result(f: Finding): Json {
    const index = ruleIndex.get(f.ruleId);
    const out: Json = {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physical(f.location) }],
    };
    if (f.related && f.related.length > 0) {
      out.relatedLocations = f.related.map((rel, i) => ({
        id: i,
        message: { text: rel.message },
        physicalLocation: physical(rel.location),
      }));
    }
    if (f.fixes && f.fixes.length > 0) {
      out.fixes = f.fixes.map((fix) => {
        const byFile = new Map<string, Json[]>();
        for (const e of fix.edits) {
          const list = byFile.get(e.file) ?? [];
          list.push({
            deletedRegion: { ...position1({ file: e.file, range: e.range }) },
            insertedContent: { text: e.newText },
          });
          byFile.set(e.file, list);
        }
        return {
          description: { text: fix.title },
          artifactChanges: [...byFile].map(([file, replacements]) => ({
            artifactLocation: artifact(file),
            replacements,
          })),
        };
      });
    }
    if (f.resourceId !== undefined) out.properties = { resourceId: f.resourceId };
    return out;
  }

  const notifications: Json[] = [];
  for (const r of results) {
    if (r.skipped !== undefined) {
      notifications.push({
        level: 'note',
        message: { text: `skipped: ${r.skipped}` },
        locations: [{ physicalLocation: { artifactLocation: artifact(r.file) } }],
      });
    }
    for (const i of r.issues) {
      notifications.push({
        level: LEVEL[i.severity],
        message: { text: i.message },
        descriptor: { id: i.code },
        locations: [{ physicalLocation: physical(i.location) }],
      });
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ade-lint',
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            rules: opts.rules.map((m) => descriptor(m, taxonomies, opts.docsBaseUri)),
          },
        },
        ...(taxonomies.list.length > 0 ? { taxonomies: taxonomies.list } : {}),
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.cwd).href.replace(/\/?$/, '/') } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(results: readonly LintResult[], opts: SarifOptions): string {
  return JSON.stringify(buildSarif(results, opts), null, 2) + '\n';
}

function descriptor(m: RuleMeta, tax: Taxonomies, docsBaseUri: string | undefined): Json {
  const relationships: Json[] = [];
  for (const [key, ids] of Object.entries(m.equivalents ?? {}) as [keyof EquivalentIds, readonly string[]][]) {
    const toolIndex = tax.index.get(key);
    if (toolIndex === undefined) continue;
    for (const id of ids) {
      relationships.push({
        target: { id, toolComponent: { name: EQUIVALENT_TOOLS[key], index: toolIndex } },
        kinds: ['relevant'],
      });
    }
  }
  return {
    id: m.id,
    name: toPascal(m.id),
    shortDescription: { text: m.title },
    fullDescription: { text: m.explanation },
    help: { text: `${m.fixHint} (${m.docs})`, markdown: `${m.fixHint}\n\nSee [${m.docs}](${m.docs}).` },
    ...(docsBaseUri ? { helpUri: `${docsBaseUri.replace(/\/$/, '')}/${m.docs}` } : {}),
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    // GitHub code scanning shows `security-severity` only for rules tagged `security`.
    properties: {
      tags: ['security', ...(m.tags ?? [])],
      docs: m.docs,
      precision: precisionOf(m),
      'security-severity': securitySeverityOf(m),
      'problem.severity': PROBLEM_SEVERITY[m.defaultSeverity],
    },
    ...(relationships.length > 0 ? { relationships } : {}),
  };
}

interface Taxonomies {
  readonly list: Json[];
  readonly index: Map<keyof EquivalentIds, number>;
}

/** One taxonomy per other tool referenced by some rule, listing the referenced ids. */
function buildTaxonomies(rules: readonly RuleMeta[]): Taxonomies {
  const ids = new Map<keyof EquivalentIds, Set<string>>();
  for (const r of rules) {
    for (const [key, list] of Object.entries(r.equivalents ?? {}) as [keyof EquivalentIds, readonly string[]][]) {
      if (!(key in EQUIVALENT_TOOLS) || list.length === 0) continue;
      const set = ids.get(key) ?? new Set<string>();
      list.forEach((id) => set.add(id));
      ids.set(key, set);
    }
  }
  const list: Json[] = [];
  const index = new Map<keyof EquivalentIds, number>();
  for (const [key, set] of ids) {
    index.set(key, list.length);
    list.push({ name: EQUIVALENT_TOOLS[key], taxa: [...set].sort().map((id) => ({ id })) });
  }
  return { list, index };
}

/** `kv-purge-protection` → `KvPurgeProtection` (SARIF's `name` is an identifier-like label). */
function toPascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s !== '')
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

/** Percent-encodes each path segment (spaces, `#`, `%`) while keeping `/`. */
function encodeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}
