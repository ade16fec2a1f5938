// The syntax tree the analysis walks, copied once from tree-sitter into plain JS objects (every
// property read on a web-tree-sitter Node crosses into WebAssembly and allocates; a cursor walk
// copying the tree is several times cheaper than reading nodes on demand), plus small readers:
// the grammar names few fields, so most lookups go by child node type.
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** The text a tree was copied from, shared by all its nodes so an edit can replace it once. */
export interface SyntaxSource {
  text: string;
}

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  /** Field name of each child (same index), when the grammar gives one. */
  readonly fields: (string | undefined)[] = [];
  hasError = false;
  private named?: SyntaxNode[];

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    // Mutable only for the incremental re-read, which moves unchanged nodes after an edit.
    public startIndex: number,
    public endIndex: number,
    readonly parent: SyntaxNode | undefined,
    private readonly source: SyntaxSource,
  ) {}

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): SyntaxNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  /** Puts `node` in place of child `index` (an incremental re-read of one statement). */
  replaceChild(index: number, node: SyntaxNode): void {
    this.children[index] = node;
    this.named = undefined;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const at = this.fields.indexOf(name);
    return at < 0 ? null : this.children[at]!;
  }

  descendantsOfType(type: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode): void => {
      for (const c of n.children) {
        if (c.type === type) out.push(c);
        visit(c);
      }
    };
    visit(this);
    return out;
  }
}

/** Copies a tree-sitter tree into SyntaxNodes; `text` is the text that was parsed. */
export function copyTree(tree: Tree, text: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    return new TreeCopier(tree, { text }).copy(cursor, undefined);
  } finally {
    cursor.delete();
  }
}

/**
 * Copies the node under a cursor and everything below it, with ids from `firstId` on; the
 * cursor must be rooted at that node (`node.walk()` or `tree.walk()`).
 */
export class TreeCopier {
  private readonly types: readonly (string | null)[];
  private readonly fieldNames: readonly (string | null)[];
  private readonly namedById = new Map<number, boolean>();
  private readonly checkMissing: boolean;

  constructor(
    private readonly tree: Tree,
    readonly source: SyntaxSource,
    public nextId = 0,
  ) {
    // Type names, named-ness and field names come from the language's tables: one wasm call per
    // node for the type id instead of one per property. Missing nodes only exist in trees with errors.
    this.types = tree.language.types;
    this.fieldNames = tree.language.fields;
    this.checkMissing = tree.rootNode.hasError;
  }

  copy(cursor: TreeCursor, parent: SyntaxNode | undefined): SyntaxNode {
    const root = this.make(cursor, parent);
    // Iterative depth-first walk: deep expressions must not overflow the JS stack.
    const stack: SyntaxNode[] = [root];
    let current = root;
    if (cursor.gotoFirstChild()) {
      for (;;) {
        const fieldId = cursor.currentFieldId;
        const node = this.make(cursor, current);
        current.children.push(node);
        current.fields.push(fieldId ? (this.fieldNames[fieldId] ?? undefined) : undefined);
        if (cursor.gotoFirstChild()) {
          stack.push(node);
          current = node;
          continue;
        }
        markError(node);
        let advanced = cursor.gotoNextSibling();
        while (!advanced) {
          if (!cursor.gotoParent()) break;
          const done = stack.pop()!;
          markError(done);
          current = stack[stack.length - 1]!;
          if (stack.length === 0) break;
          advanced = cursor.gotoNextSibling();
        }
        if (!advanced) break;
      }
    }
    markError(root);
    return root;
  }

  private make(cursor: TreeCursor, parent: SyntaxNode | undefined): SyntaxNode {
    const typeId = cursor.nodeTypeId;
    let named = this.namedById.get(typeId);
    if (named === undefined) {
      named = this.tree.language.nodeTypeIsNamed(typeId);
      this.namedById.set(typeId, named);
    }
    return new SyntaxNode(
      this.nextId++,
      this.types[typeId] || 'ERROR',
      named,
      this.checkMissing && cursor.nodeIsMissing,
      cursor.startIndex,
      cursor.endIndex,
      parent,
      this.source,
    );
  }
}

/** Moves `node` and everything below it by `delta` characters. */
export function shiftSyntax(node: SyntaxNode, delta: number): void {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.startIndex += delta;
    n.endIndex += delta;
    for (const c of n.children) stack.push(c);
  }
}

/** Sets `hasError` from the node itself and its children. */
export function markError(n: SyntaxNode): void {
  n.hasError = n.isError || n.isMissing || n.children.some((c) => c.hasError);
}

/** Named children without comments (the grammar puts comments anywhere as extras). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'diagnostic_comment');
}

export function firstChildOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  for (const c of node.namedChildren) if (c.type === type) return c;
  return undefined;
}

/** True for an anonymous keyword child such as `existing`. */
export function hasToken(node: SyntaxNode, token: string): boolean {
  for (const c of node.children) if (!c.isNamed && c.type === token) return true;
  return false;
}

/**
 * The value of a string literal without interpolation, escapes decoded; undefined when the node is
 * not a plain string. Multi-line strings (`'''`) take their content verbatim.
 */
export function plainString(node: SyntaxNode | undefined, text: string): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  const parts = stringParts(node, text);
  if (parts.some((p) => typeof p !== 'string')) return undefined;
  return parts.join('');
}

/**
 * Splits a string node into literal text (escapes decoded) and interpolation nodes. Works on the
 * source slices between interpolations rather than on `string_content`/`escape_sequence` children,
 * because the grammar leaves some escapes (`\$`) without a named node.
 */
export function stringParts(node: SyntaxNode, text: string): (string | SyntaxNode)[] {
  const raw = text.slice(node.startIndex, node.endIndex);
  // `$'''…${x}…'''`: interpolated multi-line strings open with n dollars; n dollars and `{` interpolate.
  const dollars = /^\$*/.exec(raw)![0].length;
  const multiLine = raw.startsWith("'''", dollars);
  const quote = multiLine ? 3 : 1;
  const start = node.startIndex + dollars + quote;
  const end = Math.max(
    start,
    node.endIndex - (raw.length >= dollars + 2 * quote && raw.endsWith(multiLine ? "'''" : "'") ? quote : 0),
  );
  if (multiLine) return multiLineParts(node, text, start, end, dollars);
  const parts: (string | SyntaxNode)[] = [];
  let cursor = start;
  for (const child of node.namedChildren) {
    if (child.type !== 'interpolation') continue;
    if (child.startIndex > cursor) parts.push(decodeEscapes(text.slice(cursor, child.startIndex)));
    parts.push(child);
    cursor = child.endIndex;
  }
  if (end > cursor) parts.push(decodeEscapes(text.slice(cursor, end)));
  return parts;
}

/** Multi-line strings keep their text verbatim (no escapes), less one line break after the opening quotes. */
function multiLineParts(
  node: SyntaxNode,
  text: string,
  start: number,
  end: number,
  dollars: number,
): (string | SyntaxNode)[] {
  const parts: (string | SyntaxNode)[] = [];
  let cursor = start;
  let literal = '';
  for (const child of dollars > 0 ? node.namedChildren : []) {
    if (child.type !== 'interpolation') continue;
    // The grammar's opener takes a whole run of dollars; those beyond the string's count are text.
    const run = /^\$*/.exec(text.slice(child.startIndex, child.endIndex))![0].length;
    literal += text.slice(cursor, child.startIndex) + '$'.repeat(Math.max(0, run - dollars));
    parts.push(literal, child);
    literal = '';
    cursor = child.endIndex;
  }
  parts.push(literal + text.slice(cursor, end));
  if (typeof parts[0] === 'string') parts[0] = parts[0].replace(/^\r?\n/, '');
  return parts.filter((p) => p !== '');
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (whole, esc: string, hex: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ESCAPES[esc] ?? whole;
  });
}

/** Top-most ERROR and MISSING nodes, for "could not be read" issues. */
export function syntaxErrors(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.isError || n.isMissing) {
      out.push(n);
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

export interface ForParts {
  readonly itemName?: string;
  readonly indexName?: string;
  readonly iterable?: SyntaxNode;
  readonly body?: SyntaxNode;
}

/** Pieces of `[for x in xs: body]` and `[for (x, i) in xs: body]`. */
export function forParts(node: SyntaxNode): ForParts {
  const body = node.childForFieldName('body') ?? undefined;
  const initializer = node.childForFieldName('initializer') ?? undefined;
  const params = firstChildOfType(node, 'for_loop_parameters');
  let itemName = initializer?.text;
  let indexName: string | undefined;
  if (params) {
    itemName = firstChildOfType(params, 'loop_variable')?.text;
    indexName = firstChildOfType(params, 'loop_enumerator')?.text;
  }
  let iterable: SyntaxNode | undefined;
  for (const c of namedChildren(node)) {
    if (c.type === 'for_loop_parameters') continue;
    if (initializer && c.id === initializer.id) continue;
    if (body && c.id === body.id) continue;
    iterable = c;
    break;
  }
  return { itemName, indexName, iterable, body };
}

/** Pieces of `if (cond) { ... }`. */
export function ifParts(node: SyntaxNode): { condition?: SyntaxNode; body?: SyntaxNode } {
  const paren = firstChildOfType(node, 'parenthesized_expression');
  const condition = paren ? namedChildren(paren)[0] : undefined;
  const body = firstChildOfType(node, 'object');
  return { condition, body };
}
