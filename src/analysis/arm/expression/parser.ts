import { tokenize, type Token, type TokenKind } from './lexer';

/** Syntax tree of an ARM expression. */
export type Expr = CallExpr | StringLiteral | NumberLiteral | MemberExpr | IndexExpr;

export interface CallExpr {
  readonly kind: 'call';
  /** As written; function names are case-insensitive. */
  readonly name: string;
  readonly args: readonly Expr[];
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
}

/** `x.name` */
export interface MemberExpr {
  readonly kind: 'member';
  readonly object: Expr;
  readonly name: string;
}

/** `x[index]` */
export interface IndexExpr {
  readonly kind: 'index';
  readonly object: Expr;
  readonly index: Expr;
}

export type ParseResult =
  | { readonly ok: true; readonly expr: Expr }
  | { readonly ok: false; readonly message: string; readonly tooComplex: boolean };

export interface ParseLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
}

class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly tooComplex = false,
  ) {
    super(message);
  }
}

/**
 * Parses the inside of a `[...]` string. Recursive descent with an explicit depth limit, so a
 * hostile `concat(concat(concat(...` fails cleanly instead of exhausting the stack.
 */
export function parseExpression(source: string, limits: ParseLimits): ParseResult {
  if (source.length > limits.maxLength) {
    return { ok: false, message: `expression is longer than ${limits.maxLength} characters`, tooComplex: true };
  }
  const tokens = tokenize(source);
  let pos = 0;

  const peek = (): Token => tokens[pos] ?? tokens[tokens.length - 1]!;
  const next = (): Token => tokens[pos++] ?? tokens[tokens.length - 1]!;
  const expect = (kind: TokenKind): Token => {
    const t = next();
    if (t.kind !== kind) throw new ExpressionSyntaxError(describeUnexpected(t, `'${kind}'`));
    return t;
  };

  const parsePrimary = (depth: number): Expr => {
    if (depth > limits.maxDepth) {
      throw new ExpressionSyntaxError(`expression is nested more than ${limits.maxDepth} levels deep`, true);
    }
    const t = next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.text };
      case 'number':
        return { kind: 'number', value: Number(t.text) };
      case 'identifier': {
        let name = t.text;
        // User-defined functions are called as `namespace.member(...)`.
        if (peek().kind === '.' && tokens[pos + 1]?.kind === 'identifier' && tokens[pos + 2]?.kind === '(') {
          next();
          name = `${name}.${next().text}`;
        }
        if (peek().kind !== '(') {
          // Bare literals are not ARM syntax, but they are unambiguous and written by hand sometimes.
          const lower = t.text.toLowerCase();
          if (lower === 'true' || lower === 'false' || lower === 'null') return { kind: 'call', name: lower, args: [] };
          throw new ExpressionSyntaxError(`'${t.text}' must be followed by '('`);
        }
        next();
        const args: Expr[] = [];
        if (peek().kind !== ')') {
          for (;;) {
            args.push(parseChain(depth + 1));
            const sep = next();
            if (sep.kind === ')') break;
            if (sep.kind !== ',') throw new ExpressionSyntaxError(describeUnexpected(sep, "',' or ')'"));
          }
        } else next();
        return { kind: 'call', name, args };
      }
      default:
        throw new ExpressionSyntaxError(describeUnexpected(t, 'a function call or literal'));
    }
  };

  const parseChain = (depth: number): Expr => {
    let expr = parsePrimary(depth);
    let steps = 0;
    for (;;) {
      const t = peek();
      if (t.kind === '.') {
        next();
        const name = next();
        if (name.kind !== 'identifier') throw new ExpressionSyntaxError(describeUnexpected(name, 'a property name'));
        expr = { kind: 'member', object: expr, name: name.text };
      } else if (t.kind === '[') {
        next();
        const index = parseChain(depth + 1);
        expect(']');
        expr = { kind: 'index', object: expr, index };
      } else break;
      // Long access chains nest the tree just like nested calls do.
      if (++steps + depth > limits.maxDepth) {
        throw new ExpressionSyntaxError(`expression is nested more than ${limits.maxDepth} levels deep`, true);
      }
    }
    return expr;
  };

  try {
    const expr = parseChain(0);
    const rest = peek();
    if (rest.kind !== 'eof') throw new ExpressionSyntaxError(describeUnexpected(rest, 'end of expression'));
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { ok: false, message: e.message, tooComplex: e.tooComplex };
    throw e;
  }
}

function describeUnexpected(t: Token, expected: string): string {
  if (t.kind === 'invalid') return `${t.text} at column ${t.offset + 1}`;
  if (t.kind === 'eof') return `unexpected end of expression, expected ${expected}`;
  return `unexpected '${t.kind === 'string' ? `'${t.text}'` : t.text}' at column ${t.offset + 1}, expected ${expected}`;
}
