import type { ParameterDecl, Provenance, SourceRange, ValueNode, VariableDecl } from '../model';
import type { EvalEnv, EvaluationState, Scope } from './evaluationContext';
import { evaluateJson, expandCopy } from './evaluator';
import { quote, symbol, unknown } from './expression/values';
import type { JsonNode, JsonProperty } from './json/jsonTree';
import { jsonString, jsonValue } from './json/jsonTree';

/** A parameter value supplied from outside the template: a parameters file or a nested deployment. */
export interface SuppliedParameter {
  /** The value, with ranges where it is written. */
  readonly value: ValueNode;
  readonly provenance: Provenance;
}

interface Entry {
  readonly name: string;
  readonly declRange: SourceRange;
  readonly compute: () => ValueNode;
  value?: ValueNode;
  evaluating?: boolean;
}

const NO_LOOPS: ReadonlyMap<string, number> = new Map();

/**
 * The parameters and variables of one template, evaluated lazily (on first reference) and once.
 * Names are case-insensitive; self-references become unknown instead of looping.
 */
export class TemplateScope implements Scope {
  private readonly parameters = new Map<string, Entry>();
  private readonly variables = new Map<string, Entry>();
  private readonly parameterJson = new Map<string, JsonNode>();

  constructor(
    private readonly state: EvaluationState,
    parametersSection: JsonNode | undefined,
    variablesSection: JsonNode | undefined,
    private readonly supplied: ReadonlyMap<string, SuppliedParameter>,
  ) {
    if (parametersSection?.type === 'object') {
      for (const p of parametersSection.properties) this.declareParameter(p);
    }
    if (variablesSection?.type === 'object') {
      for (const p of variablesSection.properties) this.declareVariable(p);
    }
  }

  private get env(): EvalEnv {
    return { state: this.state, scope: this, copyIndexes: NO_LOOPS };
  }

  private declareParameter(p: JsonProperty): void {
    const name = p.key;
    const declRange = this.state.range(p.keyOffset, p.keyLength);
    if (p.value) this.parameterJson.set(name.toLowerCase(), p.value);
    const defaultNode = jsonValue(p.value, 'defaultValue');
    this.parameters.set(name.toLowerCase(), {
      name,
      declRange,
      compute: () => {
        const given = this.supplied.get(name.toLowerCase());
        if (given) return withOrigin(given.value, given.provenance);
        if (defaultNode) {
          const value = evaluateJson(defaultNode, this.env);
          const location = { file: this.state.file, range: this.state.range(defaultNode.offset, defaultNode.length) };
          return withOrigin(value, { kind: 'parameterDefault', name, location });
        }
        // Chosen at deployment: a symbol, so that the vault named by it and the id the ADE
        // extension builds from it are still known to be the same.
        return symbol(`parameters(${quote(name)})`, declRange);
      },
    });
  }

  private declareVariable(p: JsonProperty): void {
    const value = p.value;
    if (!value) return;
    const declRange = this.state.range(p.keyOffset, p.keyLength);
    if (p.key.toLowerCase() === 'copy' && value.type === 'array') {
      // Variable loops: each entry declares a variable holding the produced array.
      for (const entry of value.items) {
        const nameNode = jsonValue(entry, 'name');
        const name = jsonString(nameNode);
        if (!name || !nameNode) continue;
        const location = { file: this.state.file, range: this.state.range(entry.offset, entry.length) };
        this.variables.set(name.toLowerCase(), {
          name,
          declRange: this.state.range(nameNode.offset, nameNode.length),
          compute: () => withOrigin(expandCopy(entry, name, this.env, 1), { kind: 'variable', name, location }),
        });
      }
      return;
    }
    const name = p.key;
    const location = { file: this.state.file, range: this.state.range(value.offset, value.length) };
    this.variables.set(name.toLowerCase(), {
      name,
      declRange,
      compute: () => withOrigin(evaluateJson(value, this.env), { kind: 'variable', name, location }),
    });
  }

  parameter(name: string, at: SourceRange): ValueNode | undefined {
    return this.resolve(this.parameters.get(name.toLowerCase()), 'parameter', at);
  }

  variable(name: string, at: SourceRange): ValueNode | undefined {
    return this.resolve(this.variables.get(name.toLowerCase()), 'variable', at);
  }

  private resolve(entry: Entry | undefined, what: string, at: SourceRange): ValueNode | undefined {
    if (!entry) return undefined;
    if (entry.value) return entry.value;
    if (entry.evaluating) {
      this.state.report('circular-reference', `The ${what} '${entry.name}' refers to itself.`, at, 'warning');
      return unknown(`${what} '${entry.name}' refers to itself`, at);
    }
    entry.evaluating = true;
    try {
      entry.value = entry.compute();
    } finally {
      entry.evaluating = false;
    }
    return entry.value;
  }

  /** Declarations for the model, evaluating every parameter. */
  parameterDecls(): ParameterDecl[] {
    const out: ParameterDecl[] = [];
    for (const [key, entry] of this.parameters) {
      const json = this.parameterJson.get(key);
      const value = this.resolve(entry, 'parameter', entry.declRange)!;
      const defaultNode = jsonValue(json, 'defaultValue');
      const allowed = jsonValue(json, 'allowedValues');
      const given = this.supplied.has(key);
      out.push({
        name: entry.name,
        type: jsonString(jsonValue(json, 'type')),
        declRange: entry.declRange,
        // The default is the used value unless something else was supplied: evaluate it once.
        defaultValue: defaultNode ? (given ? evaluateJson(defaultNode, this.env) : stripFirstOrigin(value)) : undefined,
        value,
        allowedValues: allowed?.type === 'array' ? allowed.items.map(plainOf) : undefined,
      });
    }
    return out;
  }

  variableDecls(): VariableDecl[] {
    return [...this.variables.values()].map((entry) => ({
      name: entry.name,
      declRange: entry.declRange,
      value: this.resolve(entry, 'variable', entry.declRange)!,
    }));
  }
}

function withOrigin(value: ValueNode, origin: Provenance): ValueNode {
  return { ...value, origins: [origin, ...(value.origins ?? [])] };
}

function stripFirstOrigin(value: ValueNode): ValueNode {
  const rest = value.origins?.slice(1) ?? [];
  const { origins: _dropped, ...bare } = value;
  return rest.length > 0 ? { ...bare, origins: rest } : bare;
}

/** Literal JSON of a node, for `allowedValues`. */
function plainOf(node: JsonNode, depth = 0): unknown {
  if (depth > 64) return null;
  switch (node.type) {
    case 'object':
      return Object.fromEntries(node.properties.map((p) => [p.key, p.value ? plainOf(p.value, depth + 1) : null]));
    case 'array':
      return node.items.map((item) => plainOf(item, depth + 1));
    default:
      return node.value;
  }
}
