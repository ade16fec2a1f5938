// Rebuilds operator expressions with Bicep's precedence. tree-sitter-bicep 1.1.0 lets a postfix
// chain (`.x`, `[i]`) that follows an operand close over the whole operator expression before it:
// `a && o.name != 'K'` reads as `((a && o).name) != 'K'` and `!x.a` as `(!x).a`. Bicep binds the
// chain to the operand it follows. The tree is flattened into operands and operators, with each
// chain moved back onto its operand, and parsed again by precedence climbing.
import type { SyntaxNode } from './syntax';

/** An operator expression as Bicep reads it; leaves are syntax nodes with the postfix steps that follow them. */
export type OpTree =
  | {
      readonly kind: 'operand';
      readonly node: SyntaxNode;
      /** Member and index steps applied to the operand, innermost first. */
      readonly chain: readonly SyntaxNode[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'missing'; readonly reason: string; readonly start: number; readonly end: number }
  | { readonly kind: 'unary'; readonly op: string; readonly arg: OpTree; readonly start: number; readonly end: number }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: OpTree;
      readonly right: OpTree;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'ternary';
      readonly condition: OpTree;
      readonly yes: OpTree;
      readonly no: OpTree;
      readonly start: number;
      readonly end: number;
    };

/** Binary operators by binding strength (Bicep's documented precedence; all left-associative). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '*': 7,
  '/': 7,
  '%': 7,
  '+': 6,
  '-': 6,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '==': 4,
  '!=': 4,
  '=~': 4,
  '!~': 4,
  '&&': 3,
  '||': 2,
  '??': 1,
};
/** The conditional operator binds loosest and groups to the right. */
const TERNARY = 0;

const POSTFIX = new Set(['member_expression', 'subscript_expression']);
const OPERATORS = new Set(['binary_expression', 'ternary_expression', 'unary_expression']);

type Token =
  | { readonly t: 'operand'; readonly tree: OpTree }
  | { readonly t: 'prefix'; readonly op: string; readonly start: number }
  | { readonly t: 'binary'; readonly op: string }
  | { readonly t: 'conditional'; readonly yes: OpTree };

export interface OpTreeOptions {
  /** Start of a lambda whose body the expression is: that lambda node stands for its body. */
  readonly lambdaAt?: number;
  /** Body of a lambda node (see lambdaAt). */
  readonly lambdaBody?: (lambda: SyntaxNode) => SyntaxNode | undefined;
  /** Deepest operator nesting flattened; deeper parts become `missing`. */
  readonly maxDepth: number;
}

/** Whether a node's value comes from operators (directly, or through a chain the grammar hoisted). */
export function isOperatorExpression(node: SyntaxNode, options: OpTreeOptions): boolean {
  const base = chainBase(node).base;
  return OPERATORS.has(base.type) || isSubstitutedLambda(base, options);
}

/** The operator expression rooted at `node`, with Bicep's precedence and chains on their operands. */
export function buildOpTree(node: SyntaxNode, options: OpTreeOptions): OpTree {
  const tokens: Token[] = [];
  flatten(node, [], tokens, options, 0);
  let pos = 0;
  const parseUnary = (): OpTree => {
    const tok = tokens[pos];
    if (!tok) return missingAt(tokens, 'an operand is missing');
    if (tok.t === 'prefix') {
      pos++;
      const arg = parseUnary();
      return { kind: 'unary', op: tok.op, arg, start: tok.start, end: arg.end };
    }
    if (tok.t === 'operand') {
      pos++;
      return tok.tree;
    }
    return missingAt(tokens, 'an operand is missing');
  };
  const parse = (min: number): OpTree => {
    let left = parseUnary();
    for (;;) {
      const tok = tokens[pos];
      if (tok?.t === 'binary') {
        const prec = PRECEDENCE[tok.op] ?? PRECEDENCE['??']!;
        if (prec < min) break;
        pos++;
        const right = parse(prec + 1);
        left = { kind: 'binary', op: tok.op, left, right, start: left.start, end: right.end };
      } else if (tok?.t === 'conditional' && min <= TERNARY) {
        pos++;
        const no = parse(TERNARY);
        left = { kind: 'ternary', condition: left, yes: tok.yes, no, start: left.start, end: no.end };
      } else {
        break;
      }
    }
    return left;
  };
  const tree = parse(TERNARY);
  return pos === tokens.length ? tree : { kind: 'missing', reason: 'this expression could not be read', ...span(node) };
}

function span(node: SyntaxNode): { start: number; end: number } {
  return { start: node.startIndex, end: node.endIndex };
}

function missingAt(tokens: readonly Token[], reason: string): OpTree {
  const last = [...tokens].reverse().find((t) => t.t === 'operand');
  const at = last?.t === 'operand' ? last.tree.end : 0;
  return { kind: 'missing', reason, start: at, end: at };
}

function chainBase(node: SyntaxNode): { base: SyntaxNode; chain: SyntaxNode[] } {
  const chain: SyntaxNode[] = [];
  let base = node;
  while (POSTFIX.has(base.type)) {
    const inner = base.childForFieldName('object');
    if (!inner) break;
    chain.unshift(base);
    base = inner;
  }
  return { base, chain };
}

function isSubstitutedLambda(node: SyntaxNode, options: OpTreeOptions): boolean {
  return node.type === 'lambda_expression' && node.startIndex === options.lambdaAt && !!options.lambdaBody?.(node);
}

/**
 * Appends the tokens of `node`; `hoisted` is a chain that followed the whole node in the tree
 * and belongs to its right-most operand.
 */
function flatten(
  node: SyntaxNode | null,
  hoisted: readonly SyntaxNode[],
  out: Token[],
  options: OpTreeOptions,
  depth: number,
): void {
  if (!node) {
    out.push({ t: 'operand', tree: missingAt(out, 'an operand is missing') });
    return;
  }
  if (depth > options.maxDepth) {
    out.push({
      t: 'operand',
      tree: { kind: 'missing', reason: 'the expression is nested too deeply to evaluate', ...span(node) },
    });
    return;
  }
  const { base, chain: own } = chainBase(node);
  const chain = [...own, ...hoisted];
  if (isSubstitutedLambda(base, options)) {
    flatten(options.lambdaBody!(base)!, chain, out, options, depth + 1);
    return;
  }
  switch (base.type) {
    case 'binary_expression': {
      const op = base.childForFieldName('operator')?.type ?? '??';
      flatten(base.childForFieldName('left'), [], out, options, depth + 1);
      out.push({ t: 'binary', op });
      flatten(base.childForFieldName('right'), chain, out, options, depth + 1);
      return;
    }
    case 'unary_expression': {
      const op = base.childForFieldName('operator')?.type ?? base.child(0)?.type ?? '!';
      out.push({ t: 'prefix', op, start: base.startIndex });
      const arg = base.childForFieldName('argument') ?? base.namedChildren[0] ?? null;
      flatten(arg, chain, out, options, depth + 1);
      return;
    }
    case 'ternary_expression': {
      flatten(base.childForFieldName('condition'), [], out, options, depth + 1);
      const yes = base.childForFieldName('consequence');
      out.push({
        t: 'conditional',
        yes: yes
          ? buildOpTree(yes, { ...options, maxDepth: options.maxDepth - depth })
          : { kind: 'missing', reason: 'this expression could not be read', ...span(base) },
      });
      flatten(base.childForFieldName('alternative'), chain, out, options, depth + 1);
      return;
    }
    default: {
      const end = chain.length > 0 ? chain[chain.length - 1]!.endIndex : base.endIndex;
      out.push({ t: 'operand', tree: { kind: 'operand', node: base, chain, start: base.startIndex, end } });
    }
  }
}
