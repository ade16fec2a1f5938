import * as assert from 'node:assert/strict';
import { parseArmFile } from '../../../../src/analysis/arm';
import type { TemplateModel } from '../../../../src/analysis/model';
import { getPath, stringValue } from '../../../../src/analysis/model';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function codes(m: TemplateModel): string[] {
  return m.issues.map((i) => i.code);
}

describe('ARM reader robustness', () => {
  it('invalid JSON gives parse-error issues and as much model as possible', () => {
    const text = `{
  "$schema": "${SCHEMA}",
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "kv1", "properties": { "enableSoftDelete": true } },
    { "type": "Microsoft.Compute/disks", "name": "d1" "location": "westeurope" },
    { "type": "Microsoft.Compute/disks", "name": "d2", "properties": { "x": }
  ]
`;
    const m = parseArmFile('broken.json', text);
    assert.equal(m.kind, 'armTemplate');
    const parseErrors = m.issues.filter((i) => i.code === 'parse-error');
    assert.ok(parseErrors.length >= 2, codes(m).join(','));
    assert.ok(parseErrors.every((i) => i.severity === 'error' && i.location.file === 'broken.json'));
    // The first error is where the comma is missing (line 4).
    assert.equal(parseErrors[0]!.location.range.start.line, 4);
    assert.deepEqual(
      m.resources.map((r) => stringValue(r.name)),
      ['kv1', 'd1', 'd2'],
    );
    assert.equal(stringValue(m.resources[1]!.location), 'westeurope');
  });

  it('accepts comments and trailing commas', () => {
    const text = `/* header */ {
  "$schema": "${SCHEMA}", // schema
  "resources": [ { "type": "Microsoft.Compute/disks", "name": "d", }, ],
}`;
    const m = parseArmFile('c.json', text);
    assert.deepEqual(codes(m), []);
    assert.equal(m.resources.length, 1);
  });

  it('accepts a byte order mark', () => {
    const text = `\uFEFF{"$schema": "${SCHEMA}", "resources": [{"type": "Microsoft.Compute/disks", "name": "d"}]}`;
    const m = parseArmFile('bom.json', text);
    assert.deepEqual(codes(m), []);
    assert.equal(m.resources[0]!.declRange.start.character, text.indexOf('"Microsoft.Compute/disks"'));
  });

  it('skips binary files with a notice', () => {
    const m = parseArmFile('image.json', `{"$schema": "${SCHEMA}"}\u0000\u0001\u0002`);
    assert.equal(m.kind, 'notATemplate');
    assert.deepEqual(codes(m), ['skipped']);
  });

  it('handles empty and non-object files', () => {
    for (const text of ['', '   ', '[]', '"x"', '42', 'null', '{', '}', '{"$schema": 5}']) {
      const m = parseArmFile('x.json', text);
      assert.equal(m.kind, 'notATemplate', text);
    }
  });

  it('survives wrong shapes inside a template', () => {
    const text = JSON.stringify({
      $schema: SCHEMA,
      parameters: [1, 2],
      variables: 'x',
      resources: [
        1,
        'two',
        null,
        { name: 'no type' },
        { type: 5 },
        { type: 'Microsoft.Compute/disks', copy: 'x', resources: 'y' },
      ],
      outputs: { o: 5, p: { type: 'string' } },
    });
    const m = parseArmFile('shapes.json', text);
    assert.equal(m.resources.length, 1);
    assert.ok(codes(m).includes('invalid-resource'));
  });

  it('10k-deep JSON nesting does not overflow the stack', () => {
    const depth = 10_000;
    const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const text = `{"$schema": "${SCHEMA}", "resources": [{"type": "Microsoft.Compute/disks", "name": "d", "properties": ${deep}}],
      "variables": {"v": ${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const m = parseArmFile('deep.json', text);
    assert.equal(m.resources.length, 1);
    assert.ok(codes(m).includes('too-deep'));
    assert.equal(getPath(m.resources[0]!.properties, 'a', 'a', 'a')?.kind, 'object');
  });

  it('deeply nested child resources are cut off, not a stack overflow', () => {
    let body = '{"type": "c", "name": "n"}';
    for (let i = 0; i < 3000; i++) body = `{"type": "c", "name": "n", "resources": [${body}]}`;
    const text = `{"$schema": "${SCHEMA}", "resources": [{"type": "Microsoft.X/y", "name": "top", "resources": [${body}]}]}`;
    const m = parseArmFile('children.json', text);
    assert.ok(m.resources.length > 10);
    assert.ok(codes(m).includes('too-deep'));
    assert.ok(!codes(m).includes('internal-error'));
  });

  it('100k-deep broken nesting is still only a parse error', () => {
    const m = parseArmFile('deeper.json', `{"$schema": "${SCHEMA}", "x": ${'['.repeat(100_000)}`);
    assert.ok(codes(m).includes('parse-error'));
  });

  it('an expression bomb is cut off with expression-too-complex', () => {
    const bomb = `[${'concat('.repeat(10_000)}'x'${')'.repeat(10_000)}]`;
    const text = JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.Compute/disks', name: bomb }] });
    const m = parseArmFile('bomb.json', text);
    assert.equal(m.resources[0]!.name.kind, 'unknown');
    assert.ok(codes(m).includes('expression-too-complex'));
  });

  it('exponential variable growth is cut off', () => {
    const variables: Record<string, string> = { v0: "[createArray('aaaaaaaaaa', 'bbbbbbbbbb')]" };
    for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    variables['s0'] = 'abcdefghij';
    for (let i = 1; i <= 40; i++) variables[`s${i}`] = `[concat(variables('s${i - 1}'), variables('s${i - 1}'))]`;
    variables['j'] = "[string(variables('v40'))]";
    const text = JSON.stringify({
      $schema: SCHEMA,
      variables,
      resources: [
        {
          type: 'Microsoft.Compute/disks',
          name: "[variables('s40')]",
          properties: { a: "[variables('j')]", b: "[length(variables('v40'))]" },
        },
      ],
    });
    const m = parseArmFile('growth.json', text);
    assert.equal(m.resources[0]!.name.kind, 'unknown');
    assert.equal(getPath(m.resources[0]!.properties, 'a')?.kind, 'unknown');
    assert.ok(codes(m).includes('expression-too-complex'));
  });

  it('long chains of deeply nested variables stay within the stack', () => {
    const variables: Record<string, unknown> = { v0: 'end' };
    for (let i = 1; i <= 200; i++) {
      let value: unknown = `[variables('v${i - 1}')]`;
      for (let d = 0; d < 200; d++) value = { [`k${d}`]: value };
      variables[`v${i}`] = value;
    }
    const text = JSON.stringify({
      $schema: SCHEMA,
      variables,
      resources: [{ type: 'Microsoft.Compute/disks', name: "[string(variables('v200'))]" }],
    });
    const m = parseArmFile('chain.json', text);
    assert.equal(m.resources.length, 1);
    assert.equal(m.resources[0]!.name.kind, 'unknown');
    assert.ok(!codes(m).includes('internal-error'));
  });

  it('a huge dotted type without a slash is read quickly', () => {
    const type = 'a.'.repeat(500_000);
    const text = JSON.stringify({
      $schema: SCHEMA,
      resources: [{ type: 'Microsoft.X/y', name: 'p', resources: [{ type, name: 'c' }] }],
    });
    const m = parseArmFile('dots.json', text);
    assert.equal(m.resources.length, 2);
  });

  it('keeps __proto__ keys as data', () => {
    const text = `{"$schema": "${SCHEMA}", "resources": [{"type": "Microsoft.X/y", "name": "[string(json('{\\"__proto__\\": {\\"a\\": 1}}'))]"}]}`;
    const m = parseArmFile('proto.json', text);
    assert.equal(stringValue(m.resources[0]!.name), '{"__proto__":{"a":1}}');
  });

  it('huge copy counts are not expanded', () => {
    const text = JSON.stringify({
      $schema: SCHEMA,
      variables: { copy: [{ name: 'many', count: 100000000, input: "[copyIndex('many')]" }] },
      resources: [
        {
          type: 'Microsoft.Compute/disks',
          name: 'd',
          copy: { name: 'l', count: 1e9 },
          properties: {
            copy: [{ name: 'x', count: 800, input: { copy: [{ name: 'y', count: 800, input: "[copyIndex('y')]" }] } }],
            v: "[variables('many')]",
          },
        },
      ],
    });
    const m = parseArmFile('copies.json', text);
    assert.equal(m.resources.length, 1);
    assert.equal(getPath(m.resources[0]!.properties, 'v')?.kind, 'unknown');
    assert.ok(codes(m).includes('expression-too-complex'));
  });

  it('a 20 MB template parses', function () {
    this.timeout(120_000);
    const resource = (i: number): string =>
      JSON.stringify({
        type: 'Microsoft.Compute/disks',
        apiVersion: '2023-01-02',
        name: `[concat('disk-', '${i}')]`,
        location: '[resourceGroup().location]',
        properties: {
          creationData: { createOption: 'Empty' },
          diskSizeGB: 128,
          encryption: { type: 'EncryptionAtRestWithPlatformKey' },
          tags: { a: 'x'.repeat(200) },
        },
      });
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const r = resource(i);
      parts.push(r);
      size += r.length + 2;
    }
    const text = `{"$schema": "${SCHEMA}", "resources": [\n${parts.join(',\n')}\n]}`;
    const m = parseArmFile('big.json', text);
    assert.equal(m.resources.length, parts.length);
    assert.equal(stringValue(m.resources[parts.length - 1]!.name), `disk-${parts.length - 1}`);
  });
});
