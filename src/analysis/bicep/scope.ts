// The symbol table of one analysed Bicep file (or one module instance) and the session shared by
// all files of an analysis. Declarations evaluate lazily and once: they may refer to each other in
// any order, and a cycle yields an unknown value instead of endless recursion.
import type { LineIndex, ModuleCall, ParseIssue, Provenance, SourceRange, ValueNode, WorkLimit } from '../model';
import type { SyntaxNode } from './syntax';

export interface BicepHost {
  readFile(path: string): Promise<string | undefined>;
}

/** A value computed on first use; re-entrance (a reference cycle) returns `onCycle()`. */
export class Lazy<T> {
  private state: 'new' | 'busy' | 'done' = 'new';
  private value: T | undefined;

  constructor(
    private readonly compute: () => T,
    private readonly onCycle: () => T,
  ) {}

  get(): T {
    if (this.state === 'done') return this.value as T;
    if (this.state === 'busy') return this.onCycle();
    this.state = 'busy';
    try {
      this.value = this.compute();
    } finally {
      this.state = 'done';
    }
    return this.value as T;
  }
}

export interface ParamDecl {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly typeNode?: SyntaxNode;
  readonly defaultNode?: SyntaxNode;
  readonly decorators: readonly SyntaxNode[];
  /** The value bound by a module call or parameters file, when there is one (evaluated lazily). */
  bind?: () => ValueNode | undefined;
  defaultValue?: Lazy<ValueNode | undefined>;
  value?: Lazy<ValueNode>;
}

export interface VarDecl {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly valueNode?: SyntaxNode;
  value?: Lazy<ValueNode>;
}

export interface OutputDeclSyntax {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly valueNode?: SyntaxNode;
  value?: Lazy<ValueNode>;
}

/** Bindings of loop variables for the representative iteration. */
export type Locals = ReadonlyMap<string, ValueNode>;

export interface LoopInfo {
  readonly forNode: SyntaxNode;
  readonly locals: Locals;
  readonly count?: ValueNode;
}

export interface ResourceDecl {
  readonly kind: 'resource';
  /** Symbolic name as used in expressions: `kv`, or `kv::key` for a nested child. */
  readonly symbol: string;
  readonly localName: string;
  readonly nameNode: SyntaxNode;
  readonly typeText: string;
  /** Type with the lexical parent's type prefixed; `parent:` children are completed later. */
  readonly writtenType: string;
  readonly apiVersion?: string;
  readonly existing: boolean;
  readonly lexicalParent?: ResourceDecl;
  readonly bodyNode?: SyntaxNode;
  readonly conditionNode?: SyntaxNode;
  readonly forNode?: SyntaxNode;
  readonly scope: FileScope;
  /** Nested `resource` declarations by local name. */
  readonly children: Map<string, ResourceDecl>;
  loop?: Lazy<LoopInfo | undefined>;
  /** The parent given by `parent:` or lexical nesting. */
  parent?: Lazy<ResourceDecl | undefined>;
  fullType?: Lazy<string>;
  /** The `name:` as written (for a child, its own segment). */
  ownName?: Lazy<ValueNode>;
  /** Full name, `parent/child` for children. */
  name?: Lazy<ValueNode>;
  id?: Lazy<ValueNode>;
  body?: Lazy<ValueNode>;
}

export interface ModuleDecl {
  readonly kind: 'module';
  readonly symbol: string;
  readonly nameNode: SyntaxNode;
  readonly pathText?: string;
  readonly pathNode: SyntaxNode;
  readonly bodyNode?: SyntaxNode;
  readonly conditionNode?: SyntaxNode;
  readonly forNode?: SyntaxNode;
  readonly scope: FileScope;
  loop?: Lazy<LoopInfo | undefined>;
  body?: Lazy<ValueNode>;
  /** The module file's scope, once loaded (undefined when not followed). */
  target?: FileScope;
}

export type Declaration = ResourceDecl | ModuleDecl;

/** Shared by every file of one analysis. */
export interface Session {
  readonly host: BicepHost;
  readonly sources: Map<string, string>;
  readonly issues: ParseIssue[];
  /** Module files being loaded, to stop recursive module graphs. */
  readonly loading: Set<string>;
  readonly maxModuleDepth: number;
  /** Expression evaluations left before values become unknown (stops nested loops from exploding). */
  budget: number;
  /** The time each parse may take (scaled by the file's size), when the caller set one. */
  readonly parseLimit?: WorkLimit;
}

export interface FileScope {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly session: Session;
  targetScope: string;
  readonly params: Map<string, ParamDecl>;
  readonly vars: Map<string, VarDecl>;
  readonly resources: Map<string, ResourceDecl>;
  /** Every resource declaration in source order, nested ones after their parent. */
  readonly resourceList: ResourceDecl[];
  readonly modules: Map<string, ModuleDecl>;
  readonly outputs: Map<string, OutputDeclSyntax>;
  /** Names that exist but are not evaluated (imports, functions, user types). */
  readonly opaque: Map<string, string>;
  /** Module calls that brought this file in, outermost first (empty for the entry file). */
  readonly via: readonly ModuleCall[];
  /** Prefix of Resource ids for resources of this file (`''` for the entry file). */
  readonly idPrefix: string;
  /** Builds the provenance attached to values bound from a module call, if any. */
  readonly argumentOrigin?: (name: string, range: SourceRange) => Provenance;
}

export function rangeOf(scope: FileScope, node: SyntaxNode): SourceRange {
  return scope.lines.range(node.startIndex, node.endIndex);
}
