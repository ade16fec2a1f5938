import type { Finding, ParseIssue, RelatedLocation } from './index';
import type { LineIndex, SourceLocation, SourcePosition, SourceRange } from './source';
import type { OutputDecl, Resource, TemplateModel } from './template';
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
  private readonly mapper: RangeMapper;

  constructor(readonly change: TextChange) {
    this.offsetDelta = change.newEnd.offset - change.oldEnd.offset;
    this.lineDelta = change.newEnd.line - change.oldEnd.line;
    this.mapper = new RangeMapper(change.file, (r) => this.range(r));
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

  /** A value node of the changed file, with every range and origin moved. */
  value(v: ValueNode): ValueNode {
    return this.mapper.value(v);
  }

  resource(r: Resource): Resource {
    return r.file === this.change.file ? this.mapper.resource(r, r.parentId) : r;
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
 * The one contiguous change between a text and its new version (common prefix and suffix
 * removed), with the positions where it ends in each, and the new text's line index (derived
 * from the old one). Undefined when the texts are equal.
 */
export function diffTexts(
  file: string,
  oldLines: LineIndex,
  newText: string,
): { readonly change: TextChange; readonly lines: LineIndex } | undefined {
  const oldText = oldLines.text;
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  // Whole chunks first (a native comparison), then characters: a megabyte costs well under 1 ms.
  let start = 0;
  while (start + CHUNK <= max && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) {
    start += CHUNK;
  }
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  const room = max - start;
  while (
    suffix + CHUNK <= room &&
    oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) ===
      newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)
  ) {
    suffix += CHUNK;
  }
  while (
    suffix < room &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  const lines = oldLines.edited(newText, start, oldEnd, newEnd);
  return { change: { file, start, oldEnd: oldLines.position(oldEnd), newEnd: lines.position(newEnd) }, lines };
}

const CHUNK = 256;

/** Positions at or after `from` gain `offset` characters and `line` lines (columns stay). */
interface LineShift {
  readonly from: number;
  readonly offset: number;
  readonly line: number;
}

/** Shifts a resource collects before it is copied: past this many, it is copied at once. */
const MAX_PENDING_SHIFTS = 32;

/**
 * A resource moved by whole lines: every position of its own text at or after a shift's `from`
 * gains the shift's `offset` and `line`; positions before it stay. The moved copy is only built
 * when a property holding positions is read, so an edit near the top of a large template does not
 * copy every resource below it. Shifts apply in order, each in the coordinates the previous one
 * left.
 */
class TranslatedResource implements Resource {
  readonly id: string;
  readonly type: string;
  readonly apiVersion?: string;
  readonly file: string;
  readonly parentId?: string;
  readonly existing: boolean;
  readonly via?: Resource['via'];
  private moved?: Resource;

  constructor(
    readonly base: Resource,
    readonly shifts: readonly LineShift[],
    parentId: string | undefined,
  ) {
    this.id = base.id;
    this.type = base.type;
    this.apiVersion = base.apiVersion;
    this.file = base.file;
    this.parentId = parentId;
    this.existing = base.existing;
    this.via = base.via;
  }

  get full(): Resource {
    return (this.moved ??= translate(this.base, this.shifts, this.parentId));
  }
  get name(): ValueNode {
    return this.full.name;
  }
  get location(): ValueNode | undefined {
    return this.full.location;
  }
  get properties(): ValueNode | undefined {
    return this.full.properties;
  }
  get body(): Resource['body'] {
    return this.full.body;
  }
  get declRange(): SourceRange {
    return this.full.declRange;
  }
  get condition(): ValueNode | undefined {
    return this.full.condition;
  }
  get loop(): Resource['loop'] {
    return this.full.loop;
  }
  /** Serialises (and compares, via JSON) like the plain resource it stands for. */
  toJSON(): Resource {
    return this.full;
  }
}

/**
 * `r` moved by `offset` characters and `line` lines from offset `from` on (see TranslatedResource),
 * where `from` is in the coordinates of the resource first moved: an ARM entry keeps its own text
 * together, so moving a moved resource again just adds up the deltas.
 */
export function translatedResource(r: Resource, from: number, offset: number, line: number): Resource {
  if (offset === 0 && line === 0) return r;
  if (r instanceof TranslatedResource && r.shifts.length === 1) {
    const s = r.shifts[0]!;
    return new TranslatedResource(
      r.base,
      [{ from: s.from, offset: s.offset + offset, line: s.line + line }],
      r.parentId,
    );
  }
  return new TranslatedResource(r, [{ from, offset, line }], r.parentId);
}

/**
 * `r` moved by `offset` characters and `line` lines from offset `from` of its current text on.
 * Unlike `translatedResource`, `from` is in the coordinates of the latest text: a Bicep resource's
 * values come from declarations anywhere in the file, so each edit is one more shift in order.
 */
export function shiftedResource(r: Resource, from: number, offset: number, line: number): Resource {
  if (offset === 0 && line === 0) return r;
  if (!(r instanceof TranslatedResource)) return new TranslatedResource(r, [{ from, offset, line }], r.parentId);
  if (r.shifts.length >= MAX_PENDING_SHIFTS)
    return new TranslatedResource(r.full, [{ from, offset, line }], r.parentId);
  return new TranslatedResource(r.base, [...r.shifts, { from, offset, line }], r.parentId);
}

/** `r` with another parent, keeping a moved resource lazy. */
export function withParent(r: Resource, parentId: string): Resource {
  if (r instanceof TranslatedResource) return new TranslatedResource(r.base, r.shifts, parentId);
  return { ...r, parentId };
}

/**
 * The resource to read values (not positions) from: for a moved resource, the one it was moved
 * from, so that reading its name or references builds nothing.
 */
export function valuesOf(r: Resource): Resource {
  return r instanceof TranslatedResource ? r.base : r;
}

function translate(r: Resource, shifts: readonly LineShift[], parentId: string | undefined): Resource {
  const pos = (p: SourcePosition): SourcePosition => {
    let out = p;
    for (const s of shifts) {
      if (out.offset >= s.from)
        out = { offset: out.offset + s.offset, line: out.line + s.line, character: out.character };
    }
    return out;
  };
  const range = (x: SourceRange): SourceRange => {
    const start = pos(x.start);
    const end = pos(x.end);
    return start === x.start && end === x.end ? x : { start, end };
  };
  return new RangeMapper(r.file, range).resource(r, parentId);
}

/**
 * Copies model parts of one file with every range passed through `range` (locations in other
 * files stay). Sub-trees shared within the copied parts stay shared in the copy.
 */
class RangeMapper {
  private readonly values = new Map<ValueNode, ValueNode>();

  constructor(
    private readonly file: string,
    private readonly range: (r: SourceRange) => SourceRange,
  ) {}

  location<T extends SourceLocation>(l: T): T {
    return l.file === this.file ? { ...l, range: this.range(l.range) } : l;
  }

  value(v: ValueNode): ValueNode {
    const hit = this.values.get(v);
    if (hit) return hit;
    const range = this.range(v.range);
    const origins = v.origins?.map((o): Provenance => ({ ...o, location: this.location(o.location) }));
    const base = origins ? { range, origins } : { range };
    let out: ValueNode;
    if (v.kind === 'object') {
      out = {
        ...v,
        ...base,
        properties: v.properties.map((p) => ({ ...p, keyRange: this.range(p.keyRange), value: this.value(p.value) })),
      };
    } else if (v.kind === 'array') out = { ...v, ...base, items: v.items.map((i) => this.value(i)) };
    else out = { ...v, ...base };
    this.values.set(v, out);
    return out;
  }

  resource(r: Resource, parentId: string | undefined): Resource {
    const opt = (v: ValueNode | undefined): ValueNode | undefined => (v ? this.value(v) : undefined);
    const body = this.value(r.body);
    return {
      id: r.id,
      type: r.type,
      apiVersion: r.apiVersion,
      name: this.value(r.name),
      location: opt(r.location),
      properties: opt(r.properties),
      body: body.kind === 'object' ? body : r.body,
      declRange: this.range(r.declRange),
      file: r.file,
      parentId,
      existing: r.existing,
      condition: opt(r.condition),
      loop: r.loop ? { count: opt(r.loop.count), range: this.range(r.loop.range) } : undefined,
      via: r.via?.map((c) => ({ ...c, location: this.location(c.location) })),
    };
  }
}

/** What changed between two reads of the same template, in terms of resources. */
export interface ResourceChange {
  /** Moves positions of the previous read to the new text. */
  readonly shifter: PositionShifter;
  /** Ids of the previous read's resources that were read again (they may have changed). */
  readonly before: readonly string[];
  /** Ids of the resources read from the changed text. */
  readonly after: readonly string[];
}

/** One read of a template by an incremental re-reader (ARM or Bicep). */
export interface Reread {
  readonly model: TemplateModel;
  /** Set when only part of the template was read again; absent after a full read. */
  readonly change?: ResourceChange;
}

/** The change of a text read again unchanged: nothing moves, nothing was read again. */
export function noChange(file: string, lines: LineIndex): ResourceChange {
  const end = lines.position(lines.text.length);
  return { shifter: new PositionShifter({ file, start: end.offset, oldEnd: end, newEnd: end }), before: [], after: [] };
}
