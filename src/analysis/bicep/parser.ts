// Loads web-tree-sitter and the Bicep grammar (both WebAssembly) once per process and hands out
// syntax trees. Loading costs tens of milliseconds, so it is lazy and memoised.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

export interface BicepParserOptions {
  /** A folder holding `web-tree-sitter.wasm` and `tree-sitter-bicep.wasm` (tried first when given). */
  readonly wasmDir?: string;
}

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-bicep.wasm';

let ready: Promise<Parser> | undefined;

/**
 * Finds a wasm file: an explicit folder, then next to the running bundle (the build copies both
 * files into `dist/`), then the installed package (tests run unbundled dependencies).
 */
export function locateWasm(name: string, packageSpecifier: string, wasmDir?: string): string {
  const candidates: string[] = [];
  if (wasmDir) candidates.push(path.join(wasmDir, name));
  candidates.push(path.join(__dirname, name));
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  try {
    return require.resolve(packageSpecifier);
  } catch {
    // Fall through to the last candidate so the error message names a concrete path.
    return candidates[candidates.length - 1]!;
  }
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
  const runtimePath = locateWasm(RUNTIME_WASM, 'web-tree-sitter/web-tree-sitter.wasm', options.wasmDir);
  await Parser.init({ locateFile: () => runtimePath });
  const grammarPath = locateWasm(GRAMMAR_WASM, 'tree-sitter-bicep/tree-sitter-bicep.wasm', options.wasmDir);
  // Reading the bytes ourselves keeps Language.load from guessing between fetch and fs.
  const language = await Language.load(new Uint8Array(fs.readFileSync(grammarPath)));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses text into a tree. web-tree-sitter reads JS strings as UTF-16, so `startIndex`/`endIndex`
 * are UTF-16 code-unit offsets, the same unit as the model's offsets (checked by a test with
 * non-ASCII text).
 */
export function parseTree(parser: Parser, text: string, oldTree?: Tree): Tree | undefined {
  return parser.parse(text, oldTree ?? null) ?? undefined;
}
