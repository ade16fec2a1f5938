import { LineIndex, type ParseIssue } from '../model';
import type { LintResult } from './types';

/**
 * Cheap checks before parsing, so that a file we cannot or should not analyse gives a notice
 * instead of a parser error, a crash or minutes of work.
 */
export function tooLargeReason(sizeInBytes: number, maxFileSizeMB: number): string | undefined {
  if (sizeInBytes <= maxFileSizeMB * 1024 * 1024) return undefined;
  const mb = (sizeInBytes / (1024 * 1024)).toFixed(1);
  return `too large to lint (${mb} MB, limit ${maxFileSizeMB} MB; raise "maxFileSizeMB" in .ade-lint.json to lint it)`;
}

/** NUL never occurs in JSON or Bicep text; git uses the same test on the first 8000 bytes. */
export function looksBinary(text: string): boolean {
  const head = text.length > 8000 ? text.slice(0, 8000) : text;
  return head.includes('\u0000');
}

export type SourceLanguage = 'bicep' | 'bicepParams' | 'json' | 'other';

export function languageForPath(file: string): SourceLanguage {
  const lower = file.toLowerCase();
  if (lower.endsWith('.bicep')) return 'bicep';
  if (lower.endsWith('.bicepparam')) return 'bicepParams';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  return 'other';
}

/** An issue at the start of a file (for failures with no better place). */
export function fileIssue(
  file: string,
  code: string,
  message: string,
  severity: ParseIssue['severity'] = 'error',
): ParseIssue {
  return { code, severity, message, location: { file, range: new LineIndex('').range(0, 0) } };
}

/** Words for a parser exception; a stack overflow means the input nests too deeply. */
export function describeFailure(e: unknown): { code: string; message: string } {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { code: 'too-deep', message: 'the file nests too deeply to be analysed' };
  }
  return {
    code: 'internal-error',
    message: `the file could not be analysed: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/** Deeper than this, Bicep text is not handed to the parser when a time budget applies. */
export const MAX_BICEP_NESTING = 256;

/**
 * The deepest bracket nesting of Bicep text (`{`, `[`, `(` and string interpolations), counting
 * unclosed brackets, skipping strings and comments. Real templates stay below 30; thousands of
 * unclosed brackets send tree-sitter's error recovery into quadratic time, so this cheap scan
 * lets the engine decline such a file at once. Stops counting past `limit`.
 */
export function bicepNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  // Open brackets in code; 'i' marks a `${` interpolation, which a `}` closes back into its string.
  const stack: string[] = [];
  let max = 0;
  let i = 0;
  const n = text.length;
  const open = (c: string): boolean => {
    stack.push(c);
    if (stack.length > max) max = stack.length;
    return max > limit;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" && text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      i = end < 0 ? n : end + 3;
    } else if (c === "'") {
      i = skipStringBody(text, i + 1, stack);
      if (stack.length > max) max = stack.length;
      if (max > limit) return max;
    } else if (c === '{' || c === '[' || c === '(') {
      if (open(c)) return max;
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      const top = stack.pop();
      i++;
      // The `}` of an interpolation goes back into the string it interrupted.
      if (top === 'i') {
        i = skipStringBody(text, i, stack);
        if (stack.length > max) max = stack.length;
        if (max > limit) return max;
      }
    } else i++;
  }
  return max;
}

/** Skips a single-quoted string's body from `i`: returns after its closing quote, or after `${` (pushed as 'i'). */
function skipStringBody(text: string, i: number, stack: string[]): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") return i + 1;
    else if (c === '$' && text[i + 1] === '{') {
      stack.push('i');
      return i + 2;
    } else if (c === '\n')
      return i + 1; // an unterminated string ends at the line, as the parser sees it
    else i++;
  }
  return i;
}

/** A file over its time budget: no findings, one issue that says so (the CLI counts it as not analysed). */
export function tooComplexResult(file: string, message: string): LintResult {
  return { file, kind: 'unknown', findings: [], issues: [fileIssue(file, 'too-complex', message)] };
}
