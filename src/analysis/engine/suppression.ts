import { LineIndex, type Finding, type SourceRange, type TemplateLanguage, type TextEdit } from '../model';

/**
 * In-file suppressions, one syntax for Bicep and ARM JSON (templates are read as JSONC, so
 * comments are allowed there too):
 *
 *   // ade-lint-disable-next-line <rule-id>[,<rule-id>...] -- <reason>
 *   // ade-lint-disable-file <rule-id|*>[,<rule-id>...] -- <reason>
 *   /* ade-lint-disable-next-line <rule-id> -- <reason> *\/
 *
 * `next-line` applies to the first line after the comment that is not itself a suppression
 * comment, so several can be stacked. A finding is matched on its start line.
 *
 * A suppression without a reason (or with the `<reason>` placeholder the quick fix inserts) still
 * suppresses, because breaking a build over a missing comment would push people to `-file *`, but it
 * yields an info finding `ade-suppression-missing-reason`: reviewers should see why a check was
 * silenced. Suppressions that matched nothing are reported as `ade-suppression-unused` when the
 * config asks for it.
 */
export interface Suppression {
  readonly scope: 'line' | 'file';
  /** Rule ids as written; `*` means every rule. */
  readonly ruleIds: readonly string[];
  readonly reason?: string;
  /** The whole comment. */
  readonly range: SourceRange;
  /** 0-based line the suppression applies to (line scope only). */
  readonly targetLine?: number;
}

export const REASON_PLACEHOLDER = '<reason>';
const MARKER = 'ade-lint-disable-';
const DIRECTIVE = /^\s*ade-lint-disable-(next-line|file)\b([^]*)$/;

/** Finds the suppression comments in a Bicep or JSON(C) text. */
export function parseSuppressions(text: string, language: TemplateLanguage): Suppression[] {
  // Most files have none: skip the scan entirely (matters for multi-megabyte templates).
  if (!text.includes(MARKER)) return [];
  const lines = new LineIndex(text);
  const comments = scanComments(text, language);
  const out: Suppression[] = [];
  const directiveLines = new Set<number>();
  const pending: { comment: Comment; scope: 'line' | 'file'; rest: string }[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    pending.push({ comment: c, scope: m[1] === 'file' ? 'file' : 'line', rest: m[2]! });
    const range = lines.range(c.start, c.end);
    // A line that holds nothing but this comment is skipped when looking for the target line.
    const lineText = text.slice(lines.lineStart(range.start.line), lines.lineStart(range.start.line + 1));
    if (range.start.line === range.end.line && lineText.trim() === text.slice(c.start, c.end).trim()) {
      directiveLines.add(range.start.line);
    }
  }
  for (const { comment, scope, rest } of pending) {
    const range = lines.range(comment.start, comment.end);
    const dash = rest.indexOf('--');
    const idsText = dash >= 0 ? rest.slice(0, dash) : rest;
    const reasonText = dash >= 0 ? rest.slice(dash + 2).trim() : '';
    const ruleIds = idsText
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    let targetLine: number | undefined;
    if (scope === 'line') {
      targetLine = range.end.line + 1;
      while (directiveLines.has(targetLine)) targetLine++;
    }
    out.push({
      scope,
      ruleIds,
      reason: reasonText === '' || reasonText === REASON_PLACEHOLDER ? undefined : reasonText,
      range,
      targetLine,
    });
  }
  return out;
}

export function suppressionMatches(s: Suppression, ruleId: string, line: number): boolean {
  if (!s.ruleIds.includes(ruleId) && !s.ruleIds.includes('*')) return false;
  return s.scope === 'file' || s.targetLine === line;
}

interface Comment {
  readonly start: number;
  readonly end: number;
  /** Text between the delimiters. */
  readonly body: string;
}

/**
 * Comment scanner that knows enough string syntax not to mistake `//` inside a string (a URL) for
 * a comment: JSON double-quoted strings; Bicep single-quoted strings with `${}` interpolation
 * and `'''` verbatim strings.
 */
function scanComments(text: string, language: TemplateLanguage): Comment[] {
  const out: Comment[] = [];
  const quote = language === 'bicep' ? "'" : '"';
  // Bicep interpolations nest: a stack of brace depths, one per open `${`.
  const interp: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      const end = text[e - 1] === '\r' ? e - 1 : e;
      out.push({ start: i, end, body: text.slice(i + 2, end) });
      i = e;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ start: i, end, body: text.slice(i + 2, close < 0 ? n : close) });
      i = end;
    } else if (language === 'bicep' && text.startsWith("'''", i)) {
      const close = text.indexOf("'''", i + 3);
      i = close < 0 ? n : close + 3;
    } else if (c === quote) {
      i = skipString(text, i + 1, quote, language === 'bicep' ? interp : undefined);
    } else if (interp.length > 0 && c === '{') {
      interp[interp.length - 1]!++;
      i++;
    } else if (interp.length > 0 && c === '}') {
      if (interp[interp.length - 1] === 0) {
        // End of an interpolation: continue the string it was in.
        interp.pop();
        i = skipString(text, i + 1, quote, interp);
      } else {
        interp[interp.length - 1]!--;
        i++;
      }
    } else i++;
  }
  return out;
}

/** Returns the offset after the string's closing quote, or at a `${` (pushing an interpolation). */
function skipString(text: string, i: number, quote: string, interp: number[] | undefined): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (interp && c === '$' && text[i + 1] === '{') {
      interp.push(0);
      return i + 2;
    } else if (c === '\n' && quote === '"')
      return i; // unterminated JSON string: resync at the line end
    else i++;
  }
  return i;
}

/**
 * The edit behind the "suppress for this line / file" quick fix: inserts a suppression comment
 * with a `<reason>` placeholder (which still counts as a missing reason until replaced), or adds
 * the rule id to a suppression already in place.
 */
export function suppressionEdit(
  finding: Pick<Finding, 'ruleId' | 'location'>,
  text: string,
  scope: 'line' | 'file',
  language: TemplateLanguage,
): TextEdit {
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const file = finding.location.file;
  const existing = parseSuppressions(text, language).filter((s) =>
    scope === 'file' ? s.scope === 'file' : s.targetLine === finding.location.range.start.line,
  );
  const last = existing[existing.length - 1];
  if (last && !last.ruleIds.includes('*')) {
    if (last.ruleIds.includes(finding.ruleId)) return insert(lines, file, last.range.start.offset, '');
    // Append to the id list, right after the last id.
    const commentText = text.slice(last.range.start.offset, last.range.end.offset);
    const lastId = last.ruleIds[last.ruleIds.length - 1]!;
    const at = last.range.start.offset + commentText.indexOf(lastId, commentText.indexOf(MARKER)) + lastId.length;
    return insert(lines, file, at, `,${finding.ruleId}`);
  }
  if (scope === 'file') {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return insert(lines, file, at, `// ade-lint-disable-file ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}`);
  }
  const line = finding.location.range.start.line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, start + 200))![0];
  return insert(
    lines,
    file,
    start,
    `${indent}// ade-lint-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}`,
  );
}

function insert(lines: LineIndex, file: string, offset: number, newText: string): TextEdit {
  return { file, range: lines.range(offset, offset), newText };
}
