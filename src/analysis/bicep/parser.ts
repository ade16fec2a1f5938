// Loads web-tree-sitter and the Bicep grammar (both WebAssembly) once per process and hands out
// syntax trees. Loading costs tens of milliseconds, so it is lazy and memoised.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Parser } from 'web-tree-sitter';
import type { ParseOptions, Point, Range, Tree } from 'web-tree-sitter';
import { AnalysisStopped, type Deadline } from '../model/budget';

export interface BicepParserOptions {
  /** A folder holding `web-tree-sitter.wasm` and `tree-sitter-bicep.wasm` (tried first when given). */
  readonly wasmDir?: string;
}

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-bicep.wasm';
/** The project's Bicep grammar (a fork of tree-sitter-bicep, see grammar/tree-sitter-bicep/CHANGES.md). */
const GRAMMAR_IN_REPOSITORY = path.join('grammar', 'tree-sitter-bicep', GRAMMAR_WASM);

let ready: Promise<Parser> | undefined;

/**
 * Finds a wasm file: an explicit folder, then next to the running bundle (the build copies both
 * files into `dist/`), then `fallback` (tests run from `out/`: an installed package or the
 * repository's grammar folder).
 */
export function locateWasm(name: string, fallback: () => string | undefined, wasmDir?: string): string {
  const candidates: string[] = [];
  if (wasmDir) candidates.push(path.join(wasmDir, name));
  candidates.push(path.join(__dirname, name));
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  // Otherwise the last candidate, so that the error message names a concrete path.
  return fallback() ?? candidates[candidates.length - 1]!;
}

/** A file of an installed package, if it is installed. */
export function inPackage(specifier: string): () => string | undefined {
  return () => {
    try {
      return require.resolve(specifier);
    } catch {
      return undefined;
    }
  };
}

/** A file of the repository, looked for in the folders above this module (tests run from `out/`). */
export function inRepository(relative: string): () => string | undefined {
  return () => {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, relative);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) return undefined;
    }
  };
}

/** Initialises the parser once; later calls return the same promise (options of later calls are ignored). */
export function initBicepParser(options: BicepParserOptions = {}): Promise<Parser> {
  if (!ready) {
    ready = createParser(options);
    // A failed start-up (missing wasm) must not poison every later attempt.
    ready.catch(() => {
      ready = undefined;
    });
  }
  return ready;
}

async function createParser(options: BicepParserOptions): Promise<Parser> {
  const runtimePath = locateWasm(RUNTIME_WASM, inPackage('web-tree-sitter/web-tree-sitter.wasm'), options.wasmDir);
  await Parser.init({ locateFile: () => runtimePath });
  const grammarPath = locateWasm(GRAMMAR_WASM, inRepository(GRAMMAR_IN_REPOSITORY), options.wasmDir);
  // Reading the bytes ourselves keeps Language.load from guessing between fetch and fs.
  const language = await Language.load(new Uint8Array(fs.readFileSync(grammarPath)));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses text into a tree. web-tree-sitter reads JS strings as UTF-16, so `startIndex`/`endIndex`
 * (and columns) are UTF-16 code-unit offsets, the same unit as the model's offsets (checked by a
 * test with non-ASCII text).
 *
 * With a `cacheKey` (the file), the last tree of that file is kept and the next parse of it is
 * incremental: an editor re-parsing a large file after a keystroke only re-reads what changed.
 * The returned tree belongs to the cache; callers copy what they need and must not delete it.
 *
 * With a `deadline`, tree-sitter's progress callback stops a parse that runs past it (error
 * recovery on some broken inputs is quadratic): `AnalysisStopped` is thrown and the parser reset.
 */
export function parseTree(parser: Parser, text: string, cacheKey?: string, deadline?: Deadline): Tree | undefined {
  const tree = parseCached(parser, text, cacheKey, deadline && progressOptions(deadline));
  if (!tree && deadline) stopped(parser, deadline);
  return tree;
}

function progressOptions(deadline: Deadline | undefined): ParseOptions {
  if (!deadline) return {};
  // Typed as returning void, but tree-sitter stops the parse when the callback returns true.
  return { progressCallback: (() => deadline.stopReason() !== undefined) as ParseOptions['progressCallback'] };
}

function stopped(parser: Parser, deadline: Deadline): never {
  // A stopped parse would otherwise resume on the next call, whatever text that call has.
  parser.reset();
  throw new AnalysisStopped(deadline.stopReason() ?? 'budget', deadline);
}

function parseCached(
  parser: Parser,
  text: string,
  cacheKey: string | undefined,
  options: ParseOptions | undefined,
): Tree | undefined {
  if (cacheKey === undefined) return parser.parse(text, null, options) ?? undefined;
  const cached = treeCache.get(cacheKey);
  let tree: Tree | null;
  if (cached && cached.text === text) {
    tree = cached.tree;
  } else if (cached) {
    cached.tree.edit(editBetween(cached.text, text));
    tree = parser.parse(text, cached.tree, options);
    cached.tree.delete();
  } else {
    tree = parser.parse(text, null, options);
  }
  treeCache.delete(cacheKey);
  if (!tree) return undefined;
  treeCache.set(cacheKey, { text, tree });
  while (treeCache.size > MAX_CACHED_TREES) {
    const [oldest, entry] = treeCache.entries().next().value as [string, CachedTree];
    entry.tree.delete();
    treeCache.delete(oldest);
  }
  return tree;
}

/**
 * Parses text into a tree the caller owns (and must `delete()`), not kept in the cache: the
 * incremental re-read copies it at once. With `ranges`, only those parts of the text are read
 * (offsets stay those of the whole text). `deadline` as for `parseTree`.
 */
export function parseOwnedTree(parser: Parser, text: string, deadline?: Deadline, ranges?: Range[]): Tree | undefined {
  const options: ParseOptions = { ...progressOptions(deadline), ...(ranges ? { includedRanges: ranges } : {}) };
  const tree = parser.parse(text, null, options) ?? undefined;
  if (!tree && deadline) stopped(parser, deadline);
  return tree;
}

interface CachedTree {
  readonly text: string;
  readonly tree: Tree;
}

/** Most recently parsed files (Map order = recency); a handful covers an editor's open files. */
const treeCache = new Map<string, CachedTree>();
const MAX_CACHED_TREES = 16;

/** Frees the cached tree of one file (its editor was closed). */
export function forgetParseTree(cacheKey: string): void {
  treeCache.get(cacheKey)?.tree.delete();
  treeCache.delete(cacheKey);
}

/** Frees the cached trees (tests, or when the analysis is disposed). */
export function clearParseCache(): void {
  for (const entry of treeCache.values()) entry.tree.delete();
  treeCache.clear();
}

/** One edit covering the changed middle of two texts (common prefix and suffix kept). */
export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return new Edit({
    startIndex: prefix,
    oldEndIndex: before.length - suffix,
    newEndIndex: after.length - suffix,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, before.length - suffix),
    newEndPosition: pointAt(after, after.length - suffix),
  });
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
