import type { TextChange } from './shift';

/**
 * The indentation of a text as fixes use it: whether some line is indented with a tab, and the
 * smallest run of leading spaces.
 */
export interface IndentProfile {
  readonly tab: boolean;
  readonly minSpaces: number;
}

export function indentProfile(text: string): IndentProfile {
  let min = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const ws = m[1]!;
    if (ws.startsWith('\t')) return { tab: true, minSpaces: min };
    if (ws.length < min) min = ws.length;
  }
  return { tab: false, minSpaces: min };
}

/** The indentation unit of a text: a tab, or the smallest positive run of spaces (at most 8). */
export function indentUnit(text: string): string {
  return unitOf(indentProfile(text));
}

function unitOf(p: IndentProfile): string {
  if (p.tab) return '\t';
  return Number.isFinite(p.minSpaces) && p.minSpaces <= 8 ? ' '.repeat(p.minSpaces) : '  ';
}

/**
 * Whether a change certainly leaves the indentation unit as it was, judged from the changed lines
 * alone (so a one-character edit of a large file costs nothing). False means "maybe not".
 */
export function keepsIndentUnit(before: IndentProfile, oldText: string, newText: string, change: TextChange): boolean {
  if (before.tab) return false;
  const removed = indentProfile(linesAround(oldText, change.start, change.oldEnd.offset));
  const added = indentProfile(linesAround(newText, change.start, change.newEnd.offset));
  if (added.tab || added.minSpaces < before.minSpaces) return false;
  // The edit may have removed the only line with the smallest indentation.
  return removed.minSpaces !== before.minSpaces || added.minSpaces === before.minSpaces;
}

function linesAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = end;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return text.slice(s, e);
}
