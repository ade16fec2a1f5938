import type { LintResult } from '../analysis/engine/types';
import type { SourceLocation } from '../analysis/model';
import { portablePath, position1, summarize, type Position1, type Summary } from './report';

/**
 * The JSON report (`--format json`). Stable: fields are only ever added; `version` changes if
 * one is removed or changes meaning. Paths are relative to the working folder with `/`; positions
 * are 1-based, columns in UTF-16 code units (as in SARIF).
 *
 * {
 *   "version": 1,
 *   "tool": { "name": "ade-lint", "version": "0.1.0" },
 *   "files": [{
 *     "path": "infra/main.bicep", "kind": "bicep" | "armTemplate" | "armParameters" | ...,
 *     "skipped"?: "reason", "template"?: "infra/main.json",
 *     "findings": [{ "ruleId", "severity": "error"|"warning"|"info", "message", "location",
 *                    "resourceId"?, "related": [{ "message", "location" }],
 *                    "fixes": [{ "title", "preferred", "edits": [{ "location", "newText" }] }] }],
 *     "issues": [{ "code", "severity", "message", "location" }]
 *   }],
 *   "summary": { "files", "skipped", "errors", "warnings", "infos", "failedFiles" }
 * }
 * where a location is { "path", "startLine", "startColumn", "endLine", "endColumn" }.
 */
export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly files: readonly JsonFile[];
  readonly summary: Summary;
}

export interface JsonLocation extends Position1 {
  readonly path: string;
}

export interface JsonFile {
  readonly path: string;
  readonly kind: string;
  readonly skipped?: string;
  readonly template?: string;
  readonly findings: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly message: string;
    readonly location: JsonLocation;
    readonly resourceId?: string;
    readonly related: readonly { readonly message: string; readonly location: JsonLocation }[];
    readonly fixes: readonly {
      readonly title: string;
      readonly preferred: boolean;
      readonly edits: readonly { readonly location: JsonLocation; readonly newText: string }[];
    }[];
  }[];
  readonly issues: readonly {
    readonly code: string;
    readonly severity: string;
    readonly message: string;
    readonly location: JsonLocation;
  }[];
}

export function buildJsonReport(results: readonly LintResult[], cwd: string, toolVersion: string): JsonReport {
  const loc = (l: SourceLocation): JsonLocation => ({ path: portablePath(l.file, cwd), ...position1(l) });
  return {
    version: 1,
    tool: { name: 'ade-lint', version: toolVersion },
    files: results.map((r) => ({
      path: portablePath(r.file, cwd),
      kind: r.kind,
      ...(r.skipped !== undefined ? { skipped: r.skipped } : {}),
      ...(r.template !== undefined ? { template: portablePath(r.template, cwd) } : {}),
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        location: loc(f.location),
        ...(f.resourceId !== undefined ? { resourceId: f.resourceId } : {}),
        related: (f.related ?? []).map((x) => ({ message: x.message, location: loc(x.location) })),
        fixes: (f.fixes ?? []).map((x) => ({
          title: x.title,
          preferred: x.preferred === true,
          edits: x.edits.map((e) => ({ location: loc({ file: e.file, range: e.range }), newText: e.newText })),
        })),
      })),
      issues: r.issues.map((i) => ({
        code: i.code,
        severity: i.severity,
        message: i.message,
        location: loc(i.location),
      })),
    })),
    summary: summarize(results),
  };
}

export function formatJson(results: readonly LintResult[], cwd: string, toolVersion: string): string {
  return JSON.stringify(buildJsonReport(results, cwd, toolVersion), null, 2) + '\n';
}
