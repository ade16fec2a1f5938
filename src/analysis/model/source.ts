/**
 * Positions in a source file. Offsets are UTF-16 code-unit offsets into the text (what
 * jsonc-parser, tree-sitter's `startIndex` on JS strings after conversion, and VS Code use);
 * line and character are 0-based, like VS Code's `Position`.
 */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly character: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** A range in a named file: what findings and provenance point at. */
export interface SourceLocation {
  /** The file path or URI string as given to the parser. */
  readonly file: string;
  readonly range: SourceRange;
}

/** Converts offsets to line/character once per file (binary search over line starts). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which is this index's text with `[start, oldEnd)` replaced so that the
   * replacement ends at `newEnd`: line starts outside the change are moved, not searched again.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const delta = newEnd - oldEnd;
    const old = this.lineStarts;
    const starts: number[] = [];
    let i = 0;
    // A line start depends on the two characters around it, so only starts strictly before the
    // change and more than one character after it are certainly unchanged.
    for (; i < old.length && old[i]! < start; i++) starts.push(old[i]!);
    for (let t = Math.max(start, 1); t <= newEnd && t <= text.length; t++) {
      const prev = text.charCodeAt(t - 1);
      if (prev === 10 || (prev === 13 && text.charCodeAt(t) !== 10)) starts.push(t);
    }
    if (start === 0) starts.unshift(0);
    for (; i < old.length; i++) if (old[i]! >= oldEnd + 1) starts.push(old[i]! + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): SourcePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo, character: o - this.lineStarts[lo]! };
  }

  range(startOffset: number, endOffset: number): SourceRange {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  offsetAt(line: number, character: number): number {
    const l = Math.max(0, Math.min(line, this.lineStarts.length - 1));
    return Math.min(this.lineStarts[l]! + character, this.text.length);
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }
}

export function rangeContains(outer: SourceRange, inner: SourceRange): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

/**
 * Facts about the texts of one model (`TemplateModel.sources`) that are costly to recompute on a
 * megabyte file: its line index and indentation unit. Parsers register the line index they
 * built; fixes read both; an incremental re-lint carries the indentation over when it is known
 * to be unchanged.
 */
export interface SourceFacts {
  lines?: LineIndex;
  indentUnit?: string;
}

const factsBySources = new WeakMap<ReadonlyMap<string, string>, Map<string, SourceFacts>>();

export function sourceFacts(sources: ReadonlyMap<string, string>, file: string): SourceFacts {
  let byFile = factsBySources.get(sources);
  if (!byFile) factsBySources.set(sources, (byFile = new Map()));
  let facts = byFile.get(file);
  if (!facts) byFile.set(file, (facts = {}));
  return facts;
}
