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

  constructor(readonly text: string) {
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
