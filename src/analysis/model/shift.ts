import type { Finding, ParseIssue, RelatedLocation } from './index';
import type { LineIndex, SourceLocation, SourcePosition, SourceRange } from './source';
import type { OutputDecl, Resource } from './template';
import type { Provenance, ValueNode } from './value';

/**
 * One contiguous text change, as found by comparing the old and the new text: `[start, oldEnd)`
 * of the old text became `[start, newEnd)` of the new one. Positions before `start` stay where
 * they are; positions at or after `oldEnd` move with the text after the change.
 */
export interface TextChange {
  readonly file: string;
  readonly start: number;
  readonly oldEnd: SourcePosition;
  readonly newEnd: SourcePosition;
}

/** Thrown when something to be moved lies inside the changed text: it has to be recomputed. */
export class InsideChangeError extends Error {
  constructor() {
    super('a position lies inside the changed text');
  }
}

/**
 * Moves positions, ranges and whole model parts (resources, findings, issues) of unchanged text
 * to where that text is after a change, so an incremental re-lint can reuse them. Sub-trees
 * shared within one resource stay shared in the copy.
 */
export class PositionShifter {
  private readonly offsetDelta: number;
  private readonly lineDelta: number;
  private readonly values = new Map<ValueNode, ValueNode>();

  constructor(readonly change: TextChange) {
    this.offsetDelta = change.newEnd.offset - change.oldEnd.offset;
    this.lineDelta = change.newEnd.line - change.oldEnd.line;
  }

  /** Whether nothing moves (the change kept offsets and lines, e.g. "90" → "30"). */
  get identity(): boolean {
    return this.offsetDelta === 0 && this.lineDelta === 0;
  }

  /**
   * A position at or after the change moves with the text after it. `end` positions (exclusive)
   * may sit right at the change's start; anything that covers changed text throws.
   */
  position(p: SourcePosition, side: 'start' | 'end' = 'start'): SourcePosition {
    const { start, oldEnd, newEnd } = this.change;
    if (side === 'start' ? p.offset < start : p.offset <= start) return p;
    if (side === 'start' ? p.offset < oldEnd.offset : p.offset <= oldEnd.offset) throw new InsideChangeError();
    if (this.identity) return p;
    const character = p.line === oldEnd.line ? p.character - oldEnd.character + newEnd.character : p.character;
    return { offset: p.offset + this.offsetDelta, line: p.line + this.lineDelta, character };
  }

  range(r: SourceRange): SourceRange {
    if (r.end.offset <= this.change.start) return r;
    if (r.start.offset === r.end.offset) {
      const p = this.position(r.start);
      return { start: p, end: p };
    }
    return { start: this.position(r.start), end: this.position(r.end, 'end') };
  }

  location<T extends SourceLocation>(l: T): T {
    return l.file === this.change.file ? { ...l, range: this.range(l.range) } : l;
  }

  private provenance(p: Provenance): Provenance {
    return { ...p, location: this.location(p.location) };
  }

  /** A value node of the changed file, with every range and origin moved. */
  value(v: ValueNode): ValueNode {
    const hit = this.values.get(v);
    if (hit) return hit;
    const range = this.range(v.range);
    const origins = v.origins?.map((o) => this.provenance(o));
    const base = origins ? { range, origins } : { range };
    let out: ValueNode;
    switch (v.kind) {
      case 'object':
        out = {
          ...v,
          ...base,
          properties: v.properties.map((p) => ({ ...p, keyRange: this.range(p.keyRange), value: this.value(p.value) })),
        };
        break;
      case 'array':
        out = { ...v, ...base, items: v.items.map((i) => this.value(i)) };
        break;
      default:
        out = { ...v, ...base };
    }
    this.values.set(v, out);
    return out;
  }

  resource(r: Resource): Resource {
    if (r.file !== this.change.file) return r;
    const opt = (v: ValueNode | undefined): ValueNode | undefined => (v ? this.value(v) : undefined);
    const body = this.value(r.body);
    return {
      ...r,
      name: this.value(r.name),
      location: opt(r.location),
      properties: opt(r.properties),
      body: body.kind === 'object' ? body : r.body,
      declRange: this.range(r.declRange),
      condition: opt(r.condition),
      loop: r.loop ? { count: opt(r.loop.count), range: this.range(r.loop.range) } : undefined,
      via: r.via?.map((c) => ({ ...c, location: this.location(c.location) })),
    };
  }

  output(o: OutputDecl): OutputDecl {
    return { ...o, declRange: this.range(o.declRange), value: this.value(o.value) };
  }

  issue(i: ParseIssue): ParseIssue {
    return { ...i, location: this.location(i.location) };
  }

  finding(f: Finding): Finding {
    const related: RelatedLocation[] | undefined = f.related?.map((r) => ({
      ...r,
      location: this.location(r.location),
    }));
    const fixes = f.fixes?.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => (e.file === this.change.file ? { ...e, range: this.range(e.range) } : e)),
    }));
    return {
      ...f,
      location: this.location(f.location),
      ...(related ? { related } : {}),
      ...(fixes ? { fixes } : {}),
    };
  }
}

/**
 * The one contiguous change between two texts (common prefix and suffix removed), with the
 * positions where it ends in each. Undefined when the texts are equal.
 */
export function diffTexts(file: string, oldLines: LineIndex, newLines: LineIndex): TextChange | undefined {
  const oldText = oldLines.text;
  const newText = newLines.text;
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < max - start &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return {
    file,
    start,
    oldEnd: oldLines.position(oldText.length - suffix),
    newEnd: newLines.position(newText.length - suffix),
  };
}
