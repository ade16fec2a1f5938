import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../analysis/engine/config';
import { globToRegExp } from '../analysis/engine/glob';

export interface InputFile {
  readonly path: string;
  /** Named on the command line (not found by walking a folder or expanding a glob). */
  readonly explicit: boolean;
}

const LINTABLE = /\.(bicep|json|jsonc)$/i;
const SKIP_DIRS = new Set(['node_modules']);
const GLOB_CHARS = /[*?[{]/;

/**
 * Expands the command line's files, folders and globs into the files to lint, in a stable order.
 * Inputs that match nothing are returned as `missing` (bad usage).
 */
export function discoverInputs(inputs: readonly string[], cwd: string): { files: InputFile[]; missing: string[] } {
  const files = new Map<string, InputFile>();
  const missing: string[] = [];
  const add = (p: string, explicit: boolean): void => {
    const prev = files.get(p);
    if (!prev || (explicit && !prev.explicit)) files.set(p, { path: p, explicit });
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = statOrUndefined(abs);
    if (stat?.isFile()) add(abs, true);
    else if (stat?.isDirectory()) for (const f of walk(abs)) add(f, false);
    else if (GLOB_CHARS.test(input)) {
      const found = expandGlob(input, cwd);
      if (found.length === 0) missing.push(input);
      for (const f of found) add(f, false);
    } else missing.push(input);
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), missing };
}

/** Lintable files below a folder. Symbolic links to folders are not followed (no cycles). */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        // Hidden folders (.git, .vscode, .github) hold tool settings, not templates.
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(p);
      } else if (
        (e.isFile() || e.isSymbolicLink()) &&
        LINTABLE.test(e.name) &&
        e.name !== CONFIG_FILE_NAME &&
        statOrUndefined(p)?.isFile()
      ) {
        out.push(p);
      }
    }
  }
  return out;
}

/** Globs quoted on the command line (shells expand unquoted ones themselves). */
function expandGlob(pattern: string, cwd: string): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const segments = norm.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const baseRel = segments.slice(0, firstGlob).join('/');
  const base = path.resolve(cwd, baseRel === '' ? '.' : baseRel);
  const re = globToRegExp(segments.slice(firstGlob).join('/'), false);
  return walk(base).filter((f) => re.test(path.relative(base, f).split(path.sep).join('/')));
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
