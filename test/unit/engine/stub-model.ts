// Test helpers: a small stand-in for the ARM parser that builds a real TemplateModel (with real
// ranges) from JSON text, so engine tests do not depend on the parsers' progress or quirks.
import { parseTree, type Node } from 'jsonc-parser';
import {
  LineIndex,
  type FileKind,
  type ModuleCall,
  type ObjectNode,
  type Provenance,
  type Resource,
  type Rule,
  type RuleReport,
  type TemplateModel,
  type ValueNode,
  getPath,
  getProperty,
  stringValue,
} from '../../../src/analysis/model';
import type { Parsers } from '../../../src/analysis/engine';

export function toValue(node: Node, lines: LineIndex): ValueNode {
  const range = lines.range(node.offset, node.offset + node.length);
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        range,
        properties: (node.children ?? []).map((p) => {
          const [k, v] = p.children!;
          return {
            key: String(k!.value),
            keyRange: lines.range(k!.offset, k!.offset + k!.length),
            value: v ? toValue(v, lines) : { kind: 'unknown', range, reason: 'missing' },
          };
        }),
      };
    case 'array':
      return { kind: 'array', range, items: (node.children ?? []).map((c) => toValue(c, lines)) };
    default:
      return { kind: 'scalar', range, value: node.value as string | number | boolean | null };
  }
}

export interface StubResourceExtras {
  via?: ModuleCall[];
  file?: string;
}

/** Parses `{ "$schema": ..., "resources": [ {type, name, properties} ] }` into a model. */
export function stubArmModel(file: string, text: string, kind: FileKind = 'armTemplate'): TemplateModel {
  const lines = new LineIndex(text);
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const root = tree ? (toValue(tree, lines) as ObjectNode) : undefined;
  const resources: Resource[] = [];
  const list = getPath(root, 'resources');
  if (list?.kind === 'array') {
    list.items.forEach((item, i) => {
      if (item.kind !== 'object') return;
      const typeNode = getProperty(item, 'type')!.value;
      resources.push({
        id: stringValue(getPath(item, 'name')) ?? `r${i}`,
        type: stringValue(typeNode) ?? '',
        name: getPath(item, 'name')!,
        properties: getPath(item, 'properties'),
        body: item,
        declRange: typeNode.range,
        file,
        existing: false,
      });
    });
  }
  return {
    file,
    language: 'arm',
    kind,
    resources,
    parameters: [],
    variables: [],
    outputs: [],
    issues: [],
    sources: new Map([[file, text]]),
  };
}

export function stubBicepModel(file: string, text: string): TemplateModel {
  // Bicep tests only need suppression comments and a resource whose ranges point into the text.
  return { ...stubArmModel(file, '{}'), file, language: 'bicep', kind: 'bicep', sources: new Map([[file, text]]) };
}

export const stubParsers: Parsers = {
  detectArmFileKind: (text) =>
    /deploymentTemplate\.json/.test(text)
      ? 'armTemplate'
      : /deploymentParameters\.json/.test(text)
        ? 'armParameters'
        : 'notATemplate',
  parseArmFile: (file, text) => stubArmModel(file, text),
  parseBicepFile: async (file, text) => stubBicepModel(file, text),
};

/** A rule reporting every vault whose `enablePurgeProtection` is not true, at the value or the type. */
export const purgeRule: Rule = {
  meta: {
    id: 'kv-test-purge',
    title: 'test purge protection',
    defaultSeverity: 'warning',
    explanation: 'x',
    fixHint: 'y',
    docs: 'docs/rules/kv-test-purge.md',
    equivalents: { checkov: ['CKV_AZURE_110'] },
  },
  *check(ctx): Iterable<RuleReport> {
    for (const r of ctx.resourcesOfType('Microsoft.KeyVault/vaults')) {
      const v = getPath(r.properties, 'enablePurgeProtection');
      if (v?.kind === 'scalar' && v.value === true) continue;
      yield {
        message: `vault ${stringValue(r.name) ?? '?'} has no purge protection`,
        location: { file: r.file, range: v ? v.range : r.declRange },
        resource: r,
      };
    }
  },
};

export function origin(
  kind: Provenance['kind'],
  name: string,
  file: string,
  lines: LineIndex,
  a: number,
  b: number,
): Provenance {
  return { kind, name, location: { file, range: lines.range(a, b) } };
}

export const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** An ARM template text with the given resources. */
export function armText(resources: unknown[], pretty = true): string {
  return JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: '1.0.0.0', resources }, null, pretty ? 2 : 0);
}
