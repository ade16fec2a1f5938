// Rewrites constructs tree-sitter-bicep 1.1.0 cannot read into text it can, keeping every offset
// (each rewrite has the same length and keeps line breaks), so ranges stay exact. Without this,
// error recovery around such constructs both loses declarations and costs seconds per file.
//
// - `resourceInput<'T@v'>.a.b` / `resourceOutput<...>` types  → `object` (types are not evaluated)
// - object spread `...expr` inside `{ }`                      → `_s:expr`, offsets recorded so the
//                                                               evaluator merges it as a spread
// - `extension name` statements                                → a comment
// - non-null assertions `x!` (postfix)                          → a space (they do not change values)
// - typed variables `var x bool = ...`                           → the type blanked out
// - `param x T?` right before an `import` line (read as the start of a ternary) → `?` dropped and
//   the parameter recorded as nullable
//
// A newer grammar that reads these natively makes the rewrites unnecessary; the raw-grammar test
// in test/unit/analysis/bicep/parse-errors.test.ts notices it.

export interface Preprocessed {
  readonly text: string;
  /** Offsets of `_s` keys that stand for an object spread. */
  readonly spreads: ReadonlySet<number>;
  /** Parameters whose trailing `?` was removed. */
  readonly nullableParams: ReadonlySet<string>;
  readonly changed: boolean;
}

const SPREAD_KEY = '_s:';
const RESOURCE_TYPE = /^resource(Input|Output)<\s*'[^'\n]*'\s*>((?:\.\??[A-Za-z_][A-Za-z0-9_]*)*)/;

export function preprocess(text: string): Preprocessed {
  // Fast path: nothing to rewrite in most files.
  if (!/\.\.\.|resource(Input|Output)<|^\s*extension\s|^\s*import\b|[\w)\]]!|^\s*var\s+\w+\s+[^=\s]/m.test(text)) {
    return { text, spreads: new Set(), nullableParams: new Set(), changed: false };
  }
  const out = text.split('');
  const spreads = new Set<number>();
  const nullableParams = new Set<string>();
  const stack: string[] = [];
  let changed = false;
  const replace = (at: number, s: string): void => {
    for (let k = 0; k < s.length; k++) out[at + k] = s[k]!;
    changed = true;
  };
  let i = 0;
  let lineStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === "'") {
      i = skipString(text, i, replace);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      stack.push(c);
      i++;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      stack.pop();
      i++;
      continue;
    }
    if (c === '.' && text.startsWith('...', i) && stack[stack.length - 1] === '{') {
      replace(i, SPREAD_KEY);
      spreads.add(i);
      i += 3;
      continue;
    }
    if (c === 'r' && text.startsWith('resource', i) && !isWordChar(text[i - 1])) {
      const m = RESOURCE_TYPE.exec(text.slice(i, i + 400));
      if (m) {
        replace(i, 'object'.padEnd(m[0].length, ' '));
        i += m[0].length;
        continue;
      }
    }
    if (atLineStart && stack.length === 0 && c === 'e' && /^extension\s/.test(text.slice(i, i + 10))) {
      replace(i, '//'.padEnd('extension'.length, ' '));
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '!' && isAssertionTarget(text[i - 1]) && text[i + 1] !== '=') {
      replace(i, ' ');
      i++;
      continue;
    }
    if (atLineStart && stack.length === 0 && c === 'v') {
      const m = TYPED_VAR.exec(text.slice(i, i + 300));
      if (m) {
        replace(i + m[1]!.length, ' '.repeat(m[2]!.length));
        i += m[1]!.length + m[2]!.length;
        continue;
      }
    }
    if (atLineStart && stack.length === 0 && c === 'i' && /^import\b/.test(text.slice(i, i + 7))) {
      dropNullableBefore(text, i, replace, nullableParams);
    }
    i++;
  }
  return { text: changed ? out.join('') : text, spreads, nullableParams, changed };
}

/** `var name type =`: group 1 is `var name `, group 2 the type. */
const TYPED_VAR = /^(var\s+[A-Za-z_][A-Za-z0-9_]*\s+)([^=\s][^=\n]*?)(?=\s*=)/;

/** A postfix `!` follows an identifier, a call or an index directly. */
function isAssertionTarget(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_)\]]/.test(c);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/**
 * Index after a string literal starting at `i` (single-quoted with escapes, or `'''` multi-line).
 * Non-null assertions inside `${...}` are rewritten too.
 */
function skipString(text: string, i: number, replace: (at: number, s: string) => void): number {
  if (text.startsWith("'''", i)) {
    const end = text.indexOf("'''", i + 3);
    return end < 0 ? text.length : end + 3;
  }
  let j = i + 1;
  let depth = 0;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '\\') j += 2;
    else if (ch === '$' && text[j + 1] === '{') {
      depth++;
      j += 2;
    } else if (ch === '}' && depth > 0) {
      depth--;
      j++;
    } else if (ch === "'" && depth === 0) return j + 1;
    else if (ch === "'" && depth > 0) j = skipString(text, j, replace);
    else if (ch === '!' && depth > 0 && isAssertionTarget(text[j - 1]) && text[j + 1] !== '=') {
      replace(j, ' ');
      j++;
    } else if (ch === '\n' && depth === 0) return j;
    else j++;
  }
  return j;
}

/** `param x T?` on the code line before `import` at `importAt`: drop the `?`, remember `x` as nullable. */
function dropNullableBefore(
  text: string,
  importAt: number,
  replace: (at: number, s: string) => void,
  nullable: Set<string>,
): void {
  let lineEnd = text.lastIndexOf('\n', importAt - 1);
  while (lineEnd > 0) {
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(start, lineEnd);
    if (line.trim() === '' || line.trim().startsWith('//')) {
      lineEnd = start - 1;
      continue;
    }
    const m = /^\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s+[^=]*?(\?)\s*(\/\/.*)?\r?$/.exec(line);
    if (m && m.index !== undefined) {
      const q = start + line.lastIndexOf('?', m[3] ? line.indexOf(m[3]) : line.length);
      replace(q, ' ');
      nullable.add(m[1]!);
    }
    return;
  }
}
