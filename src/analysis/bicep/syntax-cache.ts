// The syntax of recently read Bicep files, kept by file and text. One lint reads a module again
// for every file that calls it (the corpus's 75 files parse 28 distinct texts 111 times), and the
// editor re-reads unchanged modules on every keystroke: a cache hit skips parsing and copying the tree out of WebAssembly. The copied tree is never changed once built, so one
// copy can serve every reader.
import type { Parser } from 'web-tree-sitter';
import { parseTree } from './parser';
import { LineIndex, type Deadline } from '../model';
import { copyTree, type SyntaxNode } from './syntax';

export interface FileSyntax {
  readonly root: SyntaxNode;
  readonly lines: LineIndex;
}

interface Entry {
  readonly text: string;
  readonly syntax: FileSyntax;
}

/** Most recently read files first out (Map order = recency), bounded by their total size. */
const entries = new Map<string, Entry>();
let cachedChars = 0;
/** About 50 MB of copied trees; far more than a workspace's modules usually take. */
const MAX_CACHED_CHARS = 2_000_000;

/**
 * The syntax tree and lines of `text` (the content of `file`); undefined when
 * tree-sitter gives none. A parse past `deadline` throws `AnalysisStopped` (see parseTree).
 */
export function readSyntax(parser: Parser, file: string, text: string, deadline?: Deadline): FileSyntax | undefined {
  const hit = entries.get(file);
  if (hit && hit.text === text) {
    entries.delete(file);
    entries.set(file, hit);
    return hit.syntax;
  }
  const tree = parseTree(parser, text, file, deadline);
  if (!tree) return undefined;
  const syntax: FileSyntax = { root: copyTree(tree, text), lines: new LineIndex(text) };
  forget(file);
  if (text.length <= MAX_CACHED_CHARS / 4) {
    entries.set(file, { text, syntax });
    cachedChars += text.length;
    for (const [oldest] of entries) {
      if (cachedChars <= MAX_CACHED_CHARS) break;
      forget(oldest);
    }
  }
  return syntax;
}

function forget(file: string): void {
  const e = entries.get(file);
  if (!e) return;
  entries.delete(file);
  cachedChars -= e.text.length;
}

/** Empties the cache (tests, or when the analysis is disposed). */
export function clearSyntaxCache(): void {
  entries.clear();
  cachedChars = 0;
}
