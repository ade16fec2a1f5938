// Shared helpers for the Bicep parser tests.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Resource, TemplateModel, ValueNode } from '../../../../src/analysis/model';
import { getPath } from '../../../../src/analysis/model';
import { parseBicepFile } from '../../../../src/analysis/bicep';

export const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'bicep-parse');

/** Parses text as `/virtual/main.bicep`; `files` are further virtual files for modules. */
export function parse(
  text: string,
  files: Record<string, string> = {},
  file = '/virtual/main.bicep',
): Promise<TemplateModel> {
  const host = { readFile: async (p: string): Promise<string | undefined> => files[p] };
  return parseBicepFile(file, text, host);
}

export function resource(model: TemplateModel, id: string): Resource {
  const r = model.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no resource '${id}' in ${model.resources.map((x) => x.id).join(', ')}`);
  return r;
}

export function variable(model: TemplateModel, name: string): ValueNode {
  const v = model.variables.find((x) => x.name === name);
  if (!v) throw new Error(`no variable '${name}'`);
  return v.value;
}

export function prop(v: ValueNode | undefined, ...keys: string[]): ValueNode {
  const r = getPath(v, ...keys);
  if (!r) throw new Error(`no property ${keys.join('.')}`);
  return r;
}

/** `[line, character, line, character]` of a value's range, for compact assertions. */
export function span(v: { range: ValueNode['range'] } | ValueNode['range']): [number, number, number, number] {
  const r = 'range' in v ? v.range : v;
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** A value without ranges and origins, for deep comparison of evaluated content. */
export function plainValue(v: ValueNode | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'symbol':
      return { symbol: v.expr };
    case 'unknown':
      return { unknown: true };
    case 'array':
      return v.items.map(plainValue);
    case 'object':
      return Object.fromEntries(v.properties.map((p) => [p.key, plainValue(p.value)]));
  }
}

/** `[line, character, line, character]` of the `nth` occurrence of `needle` in `text` (0-based). */
export function where(text: string, needle: string, nth = 0): [number, number, number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const pos = (o: number): [number, number] => {
    const before = text.slice(0, o).split('\n');
    return [before.length - 1, before[before.length - 1]!.length];
  };
  return [...pos(at), ...pos(at + needle.length)];
}

export interface ExpressionProbe {
  /** The value of `var v = <expr>` after `prelude` and `before`. */
  evalExpr(expr: string, before?: string): Promise<ValueNode>;
  value(expr: string, before?: string): Promise<unknown>;
  /** The reason of an unknown result (fails when the result is known). */
  reason(expr: string, before?: string): Promise<string>;
}

/** Evaluates single expressions in a small file; `noIssues` also asserts the file reads cleanly. */
export function expressionProbe(prelude = '', options: { noIssues?: boolean } = {}): ExpressionProbe {
  const evalExpr = async (expr: string, before = ''): Promise<ValueNode> => {
    const m = await parse(`${prelude}${before}\nvar v = ${expr}\n`);
    if (options.noIssues) assert.deepEqual(m.issues, []);
    return variable(m, 'v');
  };
  return {
    evalExpr,
    value: async (expr, before) => plainValue(await evalExpr(expr, before)),
    reason: async (expr, before) => {
      const v = await evalExpr(expr, before);
      assert.equal(v.kind, 'unknown', `expected unknown, got ${JSON.stringify(plainValue(v))}`);
      return v.kind === 'unknown' ? v.reason : '';
    },
  };
}
