/** Tokens of the ARM template expression language (the text between `[` and `]`). */
export type TokenKind = 'identifier' | 'string' | 'number' | '(' | ')' | ',' | '.' | '[' | ']' | 'eof' | 'invalid';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, unescaped string content, or the number's text. */
  readonly text: string;
  readonly offset: number;
}

const PUNCTUATION = new Set(['(', ')', ',', '.', '[', ']']);

function isIdentifierStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c);
}

function isIdentifierPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Splits an expression into tokens; an unterminated string or stray character yields an `invalid` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (PUNCTUATION.has(c)) {
      tokens.push({ kind: c as TokenKind, text: c, offset: start });
      i++;
    } else if (c === "'") {
      // Strings use single quotes; a doubled quote stands for one quote.
      let value = '';
      i++;
      let closed = false;
      while (i < source.length) {
        const d = source[i]!;
        if (d === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        // Collect runs of ordinary characters at once to stay linear on long literals.
        const next = source.indexOf("'", i);
        const end = next < 0 ? source.length : next;
        value += source.slice(i, end);
        i = end;
      }
      if (!closed) {
        tokens.push({ kind: 'invalid', text: 'unterminated string', offset: start });
        return tokens;
      }
      tokens.push({ kind: 'string', text: value, offset: start });
    } else if (isDigit(c) || (c === '-' && isDigit(source[i + 1]))) {
      i++;
      while (isDigit(source[i]) || (source[i] === '.' && isDigit(source[i + 1]))) i++;
      tokens.push({ kind: 'number', text: source.slice(start, i), offset: start });
    } else if (isIdentifierStart(c)) {
      i++;
      while (i < source.length && isIdentifierPart(source[i]!)) i++;
      tokens.push({ kind: 'identifier', text: source.slice(start, i), offset: start });
    } else {
      tokens.push({ kind: 'invalid', text: `unexpected character '${c}'`, offset: start });
      return tokens;
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: source.length });
  return tokens;
}
