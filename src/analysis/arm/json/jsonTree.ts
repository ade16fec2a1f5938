import { createScanner } from 'jsonc-parser';

/**
 * A JSON syntax tree with offsets, built iteratively from jsonc-parser's scanner.
 *
 * jsonc-parser's own `parseTree` is recursive and overflows the stack at a few thousand levels
 * of nesting; templates are untrusted input, so the tree is built with an explicit stack instead.
 * Comments and trailing commas are accepted (JSONC), errors are collected and parsing continues.
 */
export type JsonNode = JsonObject | JsonArray | JsonScalar;

interface JsonBase {
  readonly offset: number;
  /** Mutable while parsing: containers learn their end when they close. */
  length: number;
}

export interface JsonObject extends JsonBase {
  readonly type: 'object';
  readonly properties: JsonProperty[];
}

export interface JsonProperty {
  readonly key: string;
  readonly keyOffset: number;
  readonly keyLength: number;
  /** Missing when the text is broken after the key. */
  value?: JsonNode;
}

export interface JsonArray extends JsonBase {
  readonly type: 'array';
  readonly items: JsonNode[];
}

export interface JsonScalar extends JsonBase {
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | number | boolean | null;
}

export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export interface JsonParseResult {
  readonly root?: JsonNode;
  readonly errors: JsonSyntaxError[];
}

// jsonc-parser's SyntaxKind and ScanError are ambient const enums, unusable with isolatedModules.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL_KEYWORD = 7;
const TRUE_KEYWORD = 8;
const FALSE_KEYWORD = 9;
const STRING_LITERAL = 10;
const NUMERIC_LITERAL = 11;
const EOF = 17;

const SCAN_ERRORS: Record<number, string> = {
  1: 'unterminated comment',
  2: 'unterminated string',
  3: 'unexpected end of number',
  4: 'invalid unicode escape',
  5: 'invalid escape character',
  6: 'invalid character',
};

type ObjectState = 'keyOrEnd' | 'colon' | 'value' | 'commaOrEnd';
type ArrayState = 'valueOrEnd' | 'commaOrEnd';

type Frame =
  | { readonly kind: 'object'; readonly node: JsonObject; state: ObjectState; pending?: JsonProperty }
  | { readonly kind: 'array'; readonly node: JsonArray; state: ArrayState };

/** Parses JSON with comments. Linear in the text length; never throws on bad input. */
export function parseJsonTree(text: string): JsonParseResult {
  // Editors on Windows often save templates with a byte order mark; it is not JSON but harmless.
  return parseFrom(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, false);
}

/**
 * Parses the one value that starts at `offset` of `text` and stops where it ends, with offsets
 * into the whole text (an incremental re-read of one part of a file).
 */
export function parseJsonValueAt(text: string, offset: number): JsonParseResult {
  return parseFrom(text, offset, true);
}

function parseFrom(text: string, from: number, oneValue: boolean): JsonParseResult {
  const scanner = createScanner(text, true);
  if (from > 0) scanner.setPosition(from);
  const errors: JsonSyntaxError[] = [];
  const stack: Frame[] = [];
  let root: JsonNode | undefined;
  let rootDone = false;

  const error = (message: string, offset: number, length: number): void => {
    // A badly broken file would otherwise produce one error per token.
    if (errors.length < 100) errors.push({ message, offset, length });
  };

  const attach = (node: JsonNode): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      if (node.type !== 'object' && node.type !== 'array') rootDone = true;
      return;
    }
    if (top.kind === 'array') {
      top.node.items.push(node);
      top.state = 'commaOrEnd';
    } else {
      if (top.pending) top.pending.value = node;
      top.pending = undefined;
      top.state = 'commaOrEnd';
    }
  };

  const close = (end: number): void => {
    const frame = stack.pop();
    if (!frame) return;
    frame.node.length = end - frame.node.offset;
    if (stack.length === 0) rootDone = true;
  };

  /** Starts a value at the current token; returns false when the token cannot start one. */
  const startValue = (token: number, offset: number, length: number): boolean => {
    switch (token) {
      case OPEN_BRACE: {
        const node: JsonObject = { type: 'object', offset, length: 0, properties: [] };
        attach(node);
        stack.push({ kind: 'object', node, state: 'keyOrEnd' });
        return true;
      }
      case OPEN_BRACKET: {
        const node: JsonArray = { type: 'array', offset, length: 0, items: [] };
        attach(node);
        stack.push({ kind: 'array', node, state: 'valueOrEnd' });
        return true;
      }
      case STRING_LITERAL:
        attach({ type: 'string', offset, length, value: scanner.getTokenValue() });
        return true;
      case NUMERIC_LITERAL: {
        const n = Number(scanner.getTokenValue());
        attach({ type: 'number', offset, length, value: Number.isFinite(n) ? n : 0 });
        return true;
      }
      case TRUE_KEYWORD:
      case FALSE_KEYWORD:
        attach({ type: 'boolean', offset, length, value: token === TRUE_KEYWORD });
        return true;
      case NULL_KEYWORD:
        attach({ type: 'null', offset, length, value: null });
        return true;
      default:
        return false;
    }
  };

  for (;;) {
    if (oneValue && rootDone) break;
    const token = scanner.scan();
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    const scanError = scanner.getTokenError();
    if (scanError !== 0) error(SCAN_ERRORS[scanError] ?? 'invalid token', offset, length);

    if (token === EOF) {
      if (stack.length > 0)
        error(stack[stack.length - 1]!.kind === 'object' ? "'}' expected" : "']' expected", offset, 0);
      else if (!root) error('value expected', offset, 0);
      while (stack.length > 0) close(text.length);
      break;
    }
    if (rootDone) {
      error('end of file expected', offset, length);
      break;
    }

    const top = stack[stack.length - 1];
    if (!top) {
      if (!startValue(token, offset, length)) error('value expected', offset, length);
      continue;
    }

    // A closer of the other kind: report and close the current container, then retry the token.
    if (top.kind === 'object' && token === CLOSE_BRACKET) {
      error("'}' expected", offset, length);
      close(offset);
      if (rootDone) break;
      const again = stack[stack.length - 1];
      if (again?.kind === 'array') close(offset + length);
      continue;
    }
    if (top.kind === 'array' && token === CLOSE_BRACE) {
      error("']' expected", offset, length);
      close(offset);
      if (rootDone) break;
      const again = stack[stack.length - 1];
      if (again?.kind === 'object') close(offset + length);
      continue;
    }

    if (top.kind === 'object') {
      switch (top.state) {
        case 'keyOrEnd':
        case 'commaOrEnd':
          if (token === CLOSE_BRACE) close(offset + length);
          else if (token === COMMA) {
            if (top.state === 'keyOrEnd') error('property name expected', offset, length);
            top.state = 'keyOrEnd';
          } else if (token === STRING_LITERAL) {
            if (top.state === 'commaOrEnd') error("',' expected", offset, length);
            const prop: JsonProperty = { key: scanner.getTokenValue(), keyOffset: offset, keyLength: length };
            top.node.properties.push(prop);
            top.pending = prop;
            top.state = 'colon';
          } else error(top.state === 'keyOrEnd' ? 'property name expected' : "',' or '}' expected", offset, length);
          break;
        case 'colon':
          if (token === COLON) top.state = 'value';
          else {
            error("':' expected", offset, length);
            top.state = 'value';
            if (!startValue(token, offset, length)) {
              top.pending = undefined;
              top.state = token === CLOSE_BRACE ? 'commaOrEnd' : 'keyOrEnd';
              if (token === CLOSE_BRACE) close(offset + length);
            }
          }
          break;
        case 'value':
          if (!startValue(token, offset, length)) {
            error('value expected', offset, length);
            top.pending = undefined;
            if (token === CLOSE_BRACE) close(offset + length);
            else if (token === COMMA) top.state = 'keyOrEnd';
          }
          break;
      }
    } else if (token === CLOSE_BRACKET) close(offset + length);
    else if (token === COMMA) {
      if (top.state === 'valueOrEnd') error('value expected', offset, length);
      top.state = 'valueOrEnd';
    } else {
      if (top.state === 'commaOrEnd') error("',' expected", offset, length);
      if (!startValue(token, offset, length)) error('value expected', offset, length);
    }
  }
  return { root, errors };
}

/** Case-insensitive property lookup (ARM template keys are case-insensitive). */
export function jsonProperty(obj: JsonNode | undefined, key: string): JsonProperty | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  const lower = key.toLowerCase();
  let found: JsonProperty | undefined;
  for (const p of obj.properties) {
    if (p.key === key) return p;
    if (!found && p.key.toLowerCase() === lower) found = p;
  }
  return found;
}

export function jsonValue(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  return jsonProperty(obj, key)?.value;
}

export function jsonString(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}
