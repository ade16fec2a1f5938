import { LineIndex, type ParseIssue } from '../model';

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
