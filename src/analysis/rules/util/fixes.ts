import type { Fix, ObjectNode, PropertyNode, RuleContext, SourceLocation, TextEdit, ValueNode } from '../../model';
import { indentUnit, LineIndex, sourceFacts, type SourceFacts } from '../../model';

/** A value to write into a template: plain JSON-like data or raw source text. */
export type PlainValue = string | number | boolean | null | RawText | readonly PlainValue[] | PlainObject;
export interface PlainObject {
  readonly [key: string]: PlainValue;
}

/** Source text inserted as-is (e.g. a value moved from elsewhere in the same file). */
export class RawText {
  constructor(readonly text: string) {}
}

export type Lang = 'arm' | 'bicep';

export function langOf(ctx: RuleContext, file: string): Lang {
  if (/\.bicep(param)?$/i.test(file)) return 'bicep';
  if (/\.jsonc?$/i.test(file)) return 'arm';
  return ctx.model.language;
}

/** A file's text with its line index and indentation unit, each computed on first use. */
class SourceFile {
  constructor(
    readonly text: string,
    private readonly facts: SourceFacts,
  ) {}

  get lines(): LineIndex {
    return (this.facts.lines ??= new LineIndex(this.text));
  }

  get unit(): string {
    return (this.facts.indentUnit ??= indentUnit(this.text));
  }
}

/** A file of the model: a large template can have thousands of fixes, all sharing its facts. */
function sourceOf(ctx: RuleContext, file: string): SourceFile | undefined {
  const text = ctx.model.sources.get(file);
  return text === undefined ? undefined : new SourceFile(text, sourceFacts(ctx.model.sources, file));
}

function bicepString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
}

function bicepKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : bicepString(k);
}

function isPlainObject(v: PlainValue): v is PlainObject {
  return typeof v === 'object' && v !== null && !(v instanceof RawText) && !Array.isArray(v);
}

/** Renders a value in the file's language; nested objects are laid out over lines at `indent`. */
export function render(lang: Lang, v: PlainValue, indent = '', unit = '  '): string {
  if (v instanceof RawText) return v.text;
  if (v === null) return 'null';
  if (typeof v === 'string') return lang === 'bicep' ? bicepString(v) : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = (v as readonly PlainValue[]).map((i) => render(lang, i, indent + unit, unit));
    if (items.length === 0) return '[]';
    const sep = lang === 'bicep' ? '\n' : ',\n';
    return `[\n${items.map((i) => indent + unit + i).join(sep)}\n${indent}]`;
  }
  if (isPlainObject(v)) {
    const entries = Object.entries(v).map(([k, val]) => {
      const key = lang === 'bicep' ? bicepKey(k) : JSON.stringify(k);
      return `${indent}${unit}${key}: ${render(lang, val, indent + unit, unit)}`;
    });
    if (entries.length === 0) return '{}';
    return `{\n${entries.join(lang === 'bicep' ? '\n' : ',\n')}\n${indent}}`;
  }
  return 'null';
}

/** Whether `text` is a literal in the language (so replacing it cannot break an expression). */
export function isLiteralText(lang: Lang, text: string): boolean {
  const t = text.trim();
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(t)) return true;
  if (lang === 'arm') {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(t)) return false;
    // ARM: a string starting with '[' (not '[[') is an expression.
    return !(t.startsWith('"[') && !t.startsWith('"[['));
  }
  return /^'(?:[^'\\]|\\.)*'$/.test(t) && !/(^|[^\\])\$\{/.test(t);
}

function lineIndent(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  const m = /^[ \t]*/.exec(text.slice(s, offset + 1000));
  return m ? m[0] : '';
}

export { indentUnit };

function lineOf(src: SourceFile, offset: number): number {
  return src.lines.position(offset).line;
}

function edit(src: SourceFile, file: string, start: number, end: number, newText: string): TextEdit {
  return { file, range: src.lines.range(start, end), newText };
}

/**
 * Where a scalar can be rewritten: the value itself when it is a literal written in place, or
 * its farthest origin (the parameter default or variable) when that is a literal in the same
 * file. Undefined when no safe place exists (expression, other file).
 */
export function literalLocation(ctx: RuleContext, file: string, node: ValueNode): SourceLocation | undefined {
  const origins = node.origins ?? [];
  const target: SourceLocation =
    origins.length > 0 ? origins[origins.length - 1]!.location : { file, range: node.range };
  if (target.file !== file) return undefined;
  const src = sourceOf(ctx, file);
  if (src === undefined) return undefined;
  const text = src.text;
  const slice = text.slice(target.range.start.offset, target.range.end.offset);
  return isLiteralText(langOf(ctx, file), slice) ? target : undefined;
}

/** Fix replacing a scalar value (at its literal origin when it came from a parameter default). */
export function replaceValueFix(
  ctx: RuleContext,
  file: string,
  node: ValueNode,
  value: PlainValue,
  title: string,
  preferred = true,
): Fix | undefined {
  const target = literalLocation(ctx, file, node);
  if (!target) return undefined;
  const newText = render(langOf(ctx, target.file), value);
  return { title, preferred, edits: [{ file: target.file, range: target.range, newText }] };
}

/** Edits inserting `key: value` into `obj` with the surrounding indentation. */
export function insertPropertyEdits(
  ctx: RuleContext,
  file: string,
  obj: ObjectNode,
  key: string,
  value: PlainValue,
): TextEdit[] | undefined {
  const src = sourceOf(ctx, file);
  if (src === undefined) return undefined;
  const text = src.text;
  const lang = langOf(ctx, file);
  const start = obj.range.start.offset;
  const end = obj.range.end.offset;
  if (text[start] !== '{' || text[end - 1] !== '}') return undefined;
  const unit = src.unit;
  const objIndent = lineIndent(text, start);
  const props = obj.properties;
  const keyText = lang === 'bicep' ? bicepKey(key) : JSON.stringify(key);
  const singleLine = lineOf(src, start) === lineOf(src, end - 1);
  if (props.length === 0) {
    const childIndent = objIndent + unit;
    const body = `${childIndent}${keyText}: ${render(lang, value, childIndent, unit)}`;
    return [edit(src, file, start, end, `{\n${body}\n${objIndent}}`)];
  }
  const last = props[props.length - 1]!;
  const lastEnd = last.value.range.end.offset;
  if (singleLine) {
    return [edit(src, file, lastEnd, lastEnd, `, ${keyText}: ${render(lang, value, objIndent, unit)}`)];
  }
  const childIndent = lineIndent(text, last.keyRange.start.offset);
  const rendered = render(lang, value, childIndent, unit);
  if (lang === 'arm') {
    return [edit(src, file, lastEnd, lastEnd, `,\n${childIndent}${keyText}: ${rendered}`)];
  }
  // Bicep: a new line just before the closing brace's line (keeps trailing comments in place).
  const closeLineStart = end - 1 - lineIndent(text, end - 1).length;
  if (/^[ \t]*$/.test(text.slice(closeLineStart, end - 1)) && closeLineStart > lastEnd) {
    return [edit(src, file, closeLineStart, closeLineStart, `${childIndent}${keyText}: ${rendered}\n`)];
  }
  return [edit(src, file, lastEnd, lastEnd, `\n${childIndent}${keyText}: ${rendered}`)];
}

export function insertPropertyFix(
  ctx: RuleContext,
  file: string,
  obj: ObjectNode,
  key: string,
  value: PlainValue,
  title: string,
  preferred = true,
): Fix | undefined {
  const edits = insertPropertyEdits(ctx, file, obj, key, value);
  return edits ? { title, preferred, edits } : undefined;
}

/** Inserts a value at a path under `holder`, creating the missing objects: `rest` = remaining keys. */
export function insertPathFix(
  ctx: RuleContext,
  file: string,
  holder: ObjectNode,
  rest: readonly string[],
  value: PlainValue,
  title: string,
  preferred = true,
): Fix | undefined {
  if (rest.length === 0) return undefined;
  let v: PlainValue = value;
  for (let i = rest.length - 1; i >= 1; i--) v = { [rest[i]!]: v };
  return insertPropertyFix(ctx, file, holder, rest[0]!, v, title, preferred);
}

/** Fix renaming a property key, keeping its quoting. */
export function renameKeyFix(
  ctx: RuleContext,
  file: string,
  prop: PropertyNode,
  newKey: string,
  title: string,
): Fix | undefined {
  const src = sourceOf(ctx, file);
  if (src === undefined) return undefined;
  const text = src.text;
  const s = prop.keyRange.start.offset;
  const e = prop.keyRange.end.offset;
  const slice = text.slice(s, e);
  const q = slice[0];
  let newText: string;
  if (q === '"' || q === "'") newText = q === "'" ? bicepString(newKey) : JSON.stringify(newKey);
  else if (langOf(ctx, file) === 'bicep') newText = bicepKey(newKey);
  else newText = newKey;
  return { title, preferred: true, edits: [edit(src, file, s, e, newText)] };
}

function keyStart(text: string, prop: PropertyNode): number {
  const s = prop.keyRange.start.offset;
  const c = text[s];
  if (c !== '"' && c !== "'" && (text[s - 1] === '"' || text[s - 1] === "'")) return s - 1;
  return s;
}

/** Edit deleting a property from its object (with its separator / whole lines in Bicep). */
export function removePropertyEdit(
  ctx: RuleContext,
  file: string,
  holder: ObjectNode,
  prop: PropertyNode,
): TextEdit | undefined {
  const src = sourceOf(ctx, file);
  if (src === undefined) return undefined;
  const text = src.text;
  const i = holder.properties.indexOf(prop);
  if (i < 0) return undefined;
  const lang = langOf(ctx, file);
  const valueEnd = prop.value.range.end.offset;
  if (lang === 'bicep') {
    if (lineOf(src, holder.range.start.offset) === lineOf(src, holder.range.end.offset)) return undefined;
    const s = keyStart(text, prop) - lineIndent(text, keyStart(text, prop)).length;
    let e = valueEnd;
    while (e < text.length && text[e] !== '\n') e++;
    if (e < text.length) e++;
    return edit(src, file, s, e, '');
  }
  const props = holder.properties;
  if (i > 0) return edit(src, file, props[i - 1]!.value.range.end.offset, valueEnd, '');
  if (props.length > 1) return edit(src, file, keyStart(text, prop), keyStart(text, props[1]!), '');
  return edit(src, file, keyStart(text, prop), valueEnd, '');
}

/** The source text of a value as written in `file`. */
export function sourceText(ctx: RuleContext, file: string, node: ValueNode): string | undefined {
  const text = sourceOf(ctx, file)?.text;
  return text?.slice(node.range.start.offset, node.range.end.offset);
}
