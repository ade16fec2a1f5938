// Reads one Bicep file again and again as it is edited (the editor's path). An edit inside one
// parameter, variable, resource or output declaration parses that declaration alone (tree-sitter's
// included ranges: the cost follows the declaration, not the file, and no tree is kept in
// WebAssembly memory per document), copies only it out of WebAssembly, and evaluates only it and
// the declarations that use it (by name, transitively).
// Everything else is reused, moved to its new position. Anything else (an edit between or across
// declarations, a declaration with a syntax error before or after, a renamed declaration, a file
// with modules, a read near the evaluation budget) is a full read, so the model is always what
// `parseBicepFile` gives for the same text.
import type { Parser, Tree } from 'web-tree-sitter';
import type { ParameterDecl, Resource, TemplateModel, WorkLimit } from '../model';
import { AnalysisStopped, Deadline, LineIndex, sourceFacts } from '../model';
import { diffTexts, noChange, PositionShifter, shiftedResource, type Reread, type TextChange } from '../model/shift';
import { createScope } from './declarations';
import { DEFAULT_EVALUATION_BUDGET, readBicepFile, type ParseBicepOptions } from './index';
import { outputDecl, parameterDecl, toResource, variableDecl } from './model-builder';
import { defaultHost, syntaxIssues } from './modules';
import { initBicepParser, parseOwnedTree } from './parser';
import type { BicepHost, Session } from './scope';
import { markError, shiftSyntax, TreeCopier, type SyntaxNode, type SyntaxSource } from './syntax';

/** Top-level statements an edit inside of can be read again alone. */
const DECLARATIONS = new Set([
  'parameter_declaration',
  'variable_declaration',
  'resource_declaration',
  'output_declaration',
]);

/** A top-level statement of the file. */
interface Statement {
  /** The statement's node (a child of the root, same index). */
  readonly node: SyntaxNode;
  /** The name it declares (parameters, variables, resources and outputs). */
  readonly name?: string;
  /** Identifiers it uses: the declarations it may depend on. */
  readonly uses: ReadonlySet<string>;
}

interface State {
  readonly text: string;
  readonly lines: LineIndex;
  /** The copied tree; unchanged statements are kept (and moved) from one read to the next. */
  readonly root: SyntaxNode;
  readonly source: SyntaxSource;
  readonly copier: TreeCopier;
  readonly statements: readonly Statement[];
  /** Statements using each name. */
  readonly users: Map<string, Set<number>>;
  readonly model: TemplateModel;
  /**
   * Evaluations a full read of this text would spend at most. Partial reads add what they
   * spend, so while this stays under the budget a full read would not run out either.
   */
  readonly spent: number;
}

export class BicepReparser {
  private state?: State;

  constructor(
    private readonly file: string,
    private readonly host: BicepHost = defaultHost,
    private readonly options: ParseBicepOptions = {},
  ) {}

  /** `limit` bounds each parse (`AnalysisStopped` past it), as for a full read. */
  async read(text: string, limit?: WorkLimit): Promise<Reread> {
    const s = this.state;
    if (s && text === s.text) return { model: s.model, change: noChange(this.file, s.lines) };
    const parser = await initBicepParser(this.options);
    // The kept copy is changed in place by a partial read: from here on it can only be replaced.
    this.state = undefined;
    const partial = s && this.tryPartial(parser, s, text, limit);
    return partial ?? { model: await this.full(parser, text, limit) };
  }

  /** Drops what is kept for the next read. */
  dispose(): void {
    this.state = undefined;
  }

  private async full(parser: Parser, text: string, limit: WorkLimit | undefined): Promise<TemplateModel> {
    const options: ParseBicepOptions = limit ? { ...this.options, parseLimit: limit } : this.options;
    const plain = !/\.bicepparam$/i.test(this.file) && this.options.parameterValues === undefined;
    if (!plain) return (await readBicepFile(this.file, text, this.host, options)).model;
    const tree = parseOwnedTree(parser, text, limit && Deadline.forText(limit, text.length));
    if (!tree) return (await readBicepFile(this.file, text, this.host, options)).model;
    const source: SyntaxSource = { text };
    const copier = new TreeCopier(tree, source);
    let root: SyntaxNode;
    const cursor = tree.walk();
    try {
      root = copier.copy(cursor, undefined);
    } finally {
      cursor.delete();
      tree.delete();
    }
    const lines = new LineIndex(text);
    const syntax = { root, lines };
    const { model, spent } = await readBicepFile(this.file, text, this.host, options, syntax);
    const statements = root.children.map((n) => statementOf(n, text));
    const budget = this.options.evaluationBudget ?? DEFAULT_EVALUATION_BUDGET;
    if (spent < budget / 2 && reusable(model, statements)) {
      this.state = { text, lines, root, source, copier, statements, users: usersOf(statements), model, spent };
    }
    return model;
  }

  /** Reads an edit inside one declaration; undefined when that cannot be done alone. */
  private tryPartial(parser: Parser, s: State, text: string, limit: WorkLimit | undefined): Reread | undefined {
    const diff = diffTexts(this.file, s.lines, text);
    if (!diff) return undefined;
    const { change, lines } = diff;
    const i = statementAround(s.statements, change.start, change.oldEnd.offset);
    const old = i === undefined ? undefined : s.statements[i];
    if (i === undefined || !old || old.name === undefined || old.node.hasError) return undefined;
    const start = old.node.startIndex;
    const end = old.node.endIndex + change.newEnd.offset - change.oldEnd.offset;
    const tree = parseOwnedTree(parser, text, limit && Deadline.forText(limit, end - start), [
      { startIndex: start, endIndex: end, startPosition: point(lines, start), endPosition: point(lines, end) },
    ]);
    if (!tree) return undefined;
    try {
      const replaced = this.copyStatement(s, tree, old.node.type, start, end);
      return replaced && this.readAgain(s, replaced, i, text, change, lines);
    } catch (e) {
      if (e instanceof AnalysisStopped) throw e;
      // A failure of the partial path must cost the reuse, never the read.
      return undefined;
    } finally {
      tree.delete();
    }
  }

  /** Statement `i` (now `replaced`) and its dependents evaluated again, the rest moved; undefined when that cannot be done. */
  private readAgain(
    s: State,
    replaced: SyntaxNode,
    i: number,
    text: string,
    change: TextChange,
    lines: LineIndex,
  ): Reread | undefined {
    const oldEnd = change.oldEnd.offset;
    const delta = change.newEnd.offset - oldEnd;
    const fresh = statementOf(replaced, text);
    if (fresh.name !== s.statements[i]!.name) return undefined;
    const statements = s.statements.map((st, j) => (j === i ? fresh : st));
    // Statement i is affected anyway, so the uses it gained or lost do not change the others'.
    const affected = dependents(i, statements, s.users);
    const affectedNames = new Set([...affected].map((j) => statements[j]!.name));
    const topSymbol = (id: string): string => id.split('::')[0]!;
    const before = s.model.resources.filter((r) => affectedNames.has(topSymbol(r.id))).map((r) => r.id);

    // From here the kept copy is changed in place: a failure means a full read.
    for (let j = i + 1; j < s.statements.length; j++) shiftSyntax(s.statements[j]!.node, delta);
    s.source.text = text;
    s.root.replaceChild(i, replaced);
    s.root.endIndex += delta;
    markError(s.root);

    const budget = this.options.evaluationBudget ?? DEFAULT_EVALUATION_BUDGET;
    const session: Session = {
      host: this.host,
      sources: new Map([[this.file, text]]),
      issues: [],
      loading: new Set([this.file]),
      maxModuleDepth: this.options.maxModuleDepth ?? 8,
      budget: budget - s.spent,
    };
    sourceFacts(session.sources, this.file).lines = lines;
    const scope = createScope(this.file, text, s.root, session, { lines });
    session.issues.push(...syntaxIssues(scope, s.root));
    const at = statementIndexer(statements);
    const isAffected = (d: { readonly nameNode: SyntaxNode }): boolean => affected.has(at(d.nameNode.startIndex));
    const shifter = new PositionShifter(change);
    const lineDelta = change.newEnd.line - change.oldEnd.line;

    const oldResources = new Map(s.model.resources.map((r) => [r.id, r]));
    const after: string[] = [];
    const resources: Resource[] = [];
    for (const decl of scope.resourceList) {
      const id = scope.idPrefix + decl.symbol;
      if (isAffected(decl)) {
        resources.push(toResource(decl));
        after.push(id);
        continue;
      }
      const old = oldResources.get(id);
      if (!old) return undefined;
      resources.push(shiftedResource(old, oldEnd, delta, lineDelta));
    }
    const parameters = reuseOrRead(
      scope.params.values(),
      s.model.parameters,
      isAffected,
      (p) => parameterDecl(scope, p),
      (p) => movedParameter(p, shifter),
    );
    const variables = reuseOrRead(
      scope.vars.values(),
      s.model.variables,
      isAffected,
      (v) => variableDecl(scope, v),
      (v) => ({ ...v, declRange: shifter.range(v.declRange), value: shifter.value(v.value) }),
    );
    const outputs = reuseOrRead(
      scope.outputs.values(),
      s.model.outputs,
      isAffected,
      (o) => outputDecl(scope, o),
      (o) => shifter.output(o),
    );
    if (!parameters || !variables || !outputs || session.budget < 0) return undefined;
    if (session.issues.some((x) => x.code !== 'parse-error')) return undefined;

    const model: TemplateModel = {
      file: this.file,
      language: 'bicep',
      kind: 'bicep',
      resources,
      parameters,
      variables,
      outputs,
      issues: session.issues,
      sources: session.sources,
    };
    const spent = budget - session.budget;
    // Reading on would risk a budget a full read runs out of: past half of it, the next read is full.
    if (spent < budget / 2) {
      const users = s.users;
      for (const name of s.statements[i]!.uses) if (!fresh.uses.has(name)) users.get(name)?.delete(i);
      for (const name of fresh.uses) {
        let set = users.get(name);
        if (!set) users.set(name, (set = new Set()));
        set.add(i);
      }
      this.state = { ...s, text, lines, statements, users, model, spent };
    }
    return { model, change: { shifter, before, after } };
  }

  /**
   * The statement parsed alone, copied; undefined unless it is one error-free statement of the
   * same kind spanning exactly the edited text (then the rest of the file reads as before).
   */
  private copyStatement(s: State, tree: Tree, type: string, start: number, end: number): SyntaxNode | undefined {
    const root = tree.rootNode;
    if (root.hasError || root.childCount !== 1) return undefined;
    const cursor = tree.walk();
    try {
      if (!cursor.gotoFirstChild()) return undefined;
      const sameType = (tree.language.types[cursor.nodeTypeId] || 'ERROR') === type;
      if (!sameType || cursor.startIndex !== start || cursor.endIndex !== end) return undefined;
      const sub = cursor.currentNode.walk();
      try {
        return s.copier.copy(sub, s.root);
      } finally {
        sub.delete();
      }
    } finally {
      cursor.delete();
    }
  }
}

/** A full read whose parts can be reused: no modules, no problems but syntax, names unique. */
function reusable(model: TemplateModel, statements: readonly Statement[]): boolean {
  if (model.kind !== 'bicep' || model.issues.some((x) => x.code !== 'parse-error')) return false;
  const names = new Set<string>();
  for (const st of statements) {
    if (st.node.type === 'module_declaration') return false;
    if (st.name === undefined) continue;
    if (names.has(st.name)) return false;
    names.add(st.name);
  }
  return true;
}

/** `text` is the text `node`'s offsets are in (the node's own text may not be set to it yet). */
function statementOf(node: SyntaxNode, text: string): Statement {
  const uses = new Set<string>();
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier') uses.add(text.slice(n.startIndex, n.endIndex));
    for (const c of n.children) stack.push(c);
  }
  if (!DECLARATIONS.has(node.type)) return { node, uses };
  const id = node.childForFieldName('name') ?? node.namedChildren.find((c) => c.type === 'identifier');
  return { node, name: id && text.slice(id.startIndex, id.endIndex), uses };
}

function usersOf(statements: readonly Statement[]): Map<string, Set<number>> {
  const users = new Map<string, Set<number>>();
  statements.forEach((st, j) => {
    for (const name of st.uses) {
      let set = users.get(name);
      if (!set) users.set(name, (set = new Set()));
      set.add(j);
    }
  });
  return users;
}

/** Statement `i` and every declaration that uses it, directly or through others. */
function dependents(
  i: number,
  statements: readonly Statement[],
  users: ReadonlyMap<string, ReadonlySet<number>>,
): Set<number> {
  const out = new Set([i]);
  const queue = [i];
  while (queue.length > 0) {
    const name = statements[queue.pop()!]!.name;
    if (name === undefined) continue;
    for (const j of users.get(name) ?? []) {
      if (out.has(j)) continue;
      out.add(j);
      queue.push(j);
    }
  }
  return out;
}

/** The statement whose text strictly encloses `[start, end)`, by binary search. */
function statementAround(statements: readonly Statement[], start: number, end: number): number | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = statements[mid]!.node;
    if (n.endIndex <= start) lo = mid + 1;
    else if (n.startIndex >= start) hi = mid - 1;
    else return start > n.startIndex && end < n.endIndex ? mid : undefined;
  }
  return undefined;
}

/** The index of the statement holding an offset of the new text. */
function statementIndexer(statements: readonly Statement[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = statements.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (statements[mid]!.node.startIndex <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Parameters, variables or outputs: read again where affected, otherwise the previous ones moved. */
function reuseOrRead<D extends { readonly name: string; readonly nameNode: SyntaxNode }, M extends { name: string }>(
  decls: Iterable<D>,
  previous: readonly M[],
  isAffected: (d: D) => boolean,
  read: (d: D) => M,
  move: (m: M) => M,
): M[] | undefined {
  const byName = new Map(previous.map((m) => [m.name, m]));
  const out: M[] = [];
  for (const d of decls) {
    if (isAffected(d)) {
      out.push(read(d));
      continue;
    }
    const old = byName.get(d.name);
    if (!old) return undefined;
    out.push(move(old));
  }
  return out;
}

function movedParameter(p: ParameterDecl, shifter: PositionShifter): ParameterDecl {
  const out: ParameterDecl = { ...p, declRange: shifter.range(p.declRange), value: shifter.value(p.value) };
  if (p.defaultValue) return { ...out, defaultValue: shifter.value(p.defaultValue) };
  return out;
}

function point(lines: LineIndex, offset: number): { row: number; column: number } {
  const p = lines.position(offset);
  return { row: p.line, column: p.character };
}
