// Syntax of current Bicep that tree-sitter-bicep 1.1.0 read as errors (found in Azure Verified
// Modules): each is read by the project's grammar without a skipped region, and where it carries
// values they are evaluated with provenance.
import * as assert from 'node:assert/strict';
import { initBicepParser } from '../../../../src/analysis/bicep';
import { copyTree, syntaxErrors } from '../../../../src/analysis/bicep/syntax';
import type { TemplateModel } from '../../../../src/analysis/model';
import { parse, plainValue, prop, resource, span, variable, where } from './helpers';

async function grammarErrors(text: string): Promise<string[]> {
  const parser = await initBicepParser();
  const tree = parser.parse(text)!;
  try {
    return syntaxErrors(copyTree(tree, text)).map((n) => (n.isMissing ? `MISSING ${n.type}` : n.text));
  } finally {
    tree.delete();
  }
}

function parseErrors(model: TemplateModel): string[] {
  return model.issues.filter((i) => i.code === 'parse-error').map((i) => i.message);
}

const KV = "resource kv 'Microsoft.KeyVault/vaults@2023-07-01'";

/** One snippet per construct; each ends with a declaration that must survive it. */
const CONSTRUCTS: Record<string, string> = {
  'nullable parameter before a resource': `param lock lockType?\n\n${KV} existing = {\n  name: 'after'\n}\n`,
  'import list without commas': "import {\n  lockType\n  roleType as roles\n} from 'types.bicep'\nvar after = 1\n",
  'parenthesised union types':
    "type sku = {\n  name: (\n    | 'Basic'\n    | 'Premium')\n  zone: (-1 | 1 | 2)\n}\nvar after = 1\n",
  "'//' inside strings": "var parts = split(true ? 'a/b' : '///', '/')\nvar quoted = '\\'//\\''\nvar after = 1\n",
  'array spread': 'var more = [2]\nvar all = [\n  1\n  ...more\n]\nvar after = 1\n',
  'resourceInput type with an item path':
    "type role = {\n  actions: resourceInput<'Microsoft.Authorization/roleDefinitions@2022-04-01'>.properties.permissions[*].actions?\n}\nvar after = 1\n",
  'extension with a configuration and an alias':
    "extension 'br:example.azurecr.io/ext:1.0' with {\n  a: 1\n} as ext\nvar after = 1\n",
  'import of a name that is not an identifier':
    "import {\n  'not-an-identifier' as alias\n  other\n} from 'mod.json'\nvar after = 1\n",
  'index from the end': 'var items = [\n  0\n]\nvar last = items[^1]\nvar after = 1\n',
  'nullable types written apart from their type':
    "type t = {\n  grid: int [] [] ?\n  size: ('S' | 'M') ?\n}\nvar after = 1\n",
  'interpolated multi-line strings': "var name = 'kv'\nvar s = $'''\nvault ${name}\n'''\nvar after = 1\n",
  'non-null assertions after calls and before members':
    "param p object?\nvar a = last(split(p.?id!, '/'))!\nvar b = first([p])!.id\nvar after = 1\n",
};

describe('bicep syntax newer than tree-sitter-bicep 1.1.0', () => {
  for (const [name, text] of Object.entries(CONSTRUCTS)) {
    it(`${name}: no error node, no skipped region, the next declaration read`, async () => {
      assert.deepEqual(await grammarErrors(text), []);
      const model = await parse(text);
      assert.deepEqual(parseErrors(model), []);
      if (model.variables.some((v) => v.name === 'after')) assert.equal(plainValue(variable(model, 'after')), 1);
      else assert.equal(plainValue(resource(model, 'kv').name), 'after');
    });
  }

  it("a nullable parameter followed by a declaration is still nullable; '//' strings keep their text", async () => {
    const model = await parse(CONSTRUCTS['nullable parameter before a resource']!);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'lock')?.value), null);
    const strings = await parse(CONSTRUCTS["'//' inside strings"]!);
    assert.deepEqual(plainValue(variable(strings, 'parts')), ['a', 'b']);
    assert.equal(plainValue(variable(strings, 'quoted')), "'//'");
  });

  it('non-null assertions have the value of what they assert on', async () => {
    const text = "var id = '/a/b/kv1'\nvar v = {\n  x: 'y'\n}\nvar a = last(split(id, '/'))!\nvar b = v!.x\n";
    const model = await parse(text);
    assert.equal(plainValue(variable(model, 'a')), 'kv1');
    assert.equal(plainValue(variable(model, 'b')), 'y');
  });
});

describe('bicep index from the end and interpolated multi-line strings', () => {
  it('a[^n] is the n-th item from the end; outside the array it is unknown', async () => {
    const model = await parse(
      "var items = [\n  'a'\n  'b'\n  'c'\n]\nvar last = items[^1]\nvar first = items[^3]\nvar outside = items[^4]\n",
    );
    assert.equal(plainValue(variable(model, 'last')), 'c');
    assert.equal(plainValue(variable(model, 'first')), 'a');
    const outside = variable(model, 'outside');
    assert.match(outside.kind === 'unknown' ? outside.reason : '', /\^4 is outside the array/);
  });

  it('an index after the first item of an array literal belongs to its item (not a new item)', async () => {
    const model = await parse(
      "var names = [\n  'a'\n  'b'\n]\nvar v = [\n  names[0]\n  names[1]\n  [\n    2\n  ]\n]\n",
    );
    assert.deepEqual(plainValue(variable(model, 'v')), ['a', 'b', [2]]);
  });

  it("$''' strings interpolate with as many dollars as they open with; other text is verbatim", async () => {
    const model = await parse(
      "var name = 'kv'\nparam p string\n" +
        "var one = $'''\nvault ${name}\\n\n'''\n" +
        "var two = $$'''${name} $${name} $$${name}'''\n" +
        "var deploy = $'''a${p}b'''\n" +
        "var empty = $''''''\n",
    );
    assert.equal(plainValue(variable(model, 'one')), 'vault kv\\n\n');
    assert.equal(plainValue(variable(model, 'two')), '${name} kv $kv');
    assert.deepEqual(plainValue(variable(model, 'deploy')), { symbol: "format('a{0}b', parameters('p'))" });
    assert.equal(plainValue(variable(model, 'empty')), '');
  });
});

describe('bicep spread evaluation', () => {
  it('array spread: items join in order, each from the variable it was spread from', async () => {
    const text = "var more = [\n  'b'\n]\nvar all = [\n  'a'\n  ...more\n  ...(true ? ['c'] : [])\n]\n";
    const all = variable(await parse(text), 'all');
    assert.deepEqual(plainValue(all), ['a', 'b', 'c']);
    assert.ok(all.kind === 'array');
    const b = all.kind === 'array' ? all.items[1]! : undefined;
    assert.equal(b?.origins?.[0]?.kind, 'variable');
    assert.equal(b?.origins?.[0]?.name, 'more');
    assert.deepEqual(span(b!), where(text, "'b'"));
  });

  it('array spread of an unknown or non-array value makes the array unknown, with the reason', async () => {
    const deployTime = variable(await parse('param p array\nvar v = [\n  1\n  ...p\n]\n'), 'v');
    assert.equal(deployTime.kind, 'unknown');
    assert.match(
      deployTime.kind === 'unknown' ? deployTime.reason : '',
      /spreads 'parameters\('p'\)', known only at deployment/,
    );
    const notArray = variable(await parse("var v = [\n  ...'text'\n]\n"), 'v');
    assert.equal(notArray.kind, 'unknown');
    assert.match(notArray.kind === 'unknown' ? notArray.reason : '', /not an array/);
  });

  it('object spread into resource properties: merged, later keys win, provenance from the variable', async () => {
    const text = `var base = {\n  enabledForDiskEncryption: true\n  enableSoftDelete: false\n}\n${KV} = {\n  name: 'kv'\n  properties: {\n    ...base\n    enableSoftDelete: true\n  }\n}\n`;
    const kv = resource(await parse(text), 'kv');
    assert.deepEqual(plainValue(kv.properties), { enabledForDiskEncryption: true, enableSoftDelete: true });
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.equal(flag.origins?.[0]?.kind, 'variable');
    assert.equal(flag.origins?.[0]?.name, 'base');
    assert.deepEqual(span(flag), where(text, 'true'));
  });

  it('object spread into module parameters: bound in the module, provenance at the caller', async () => {
    const main =
      "var shared = {\n  diskEncryption: false\n}\nmodule m './m.bicep' = {\n  name: 'm'\n  params: {\n    ...shared\n    vaultName: 'kv-m'\n  }\n}\n";
    const mod = `param diskEncryption bool = true\nparam vaultName string\n${KV} = {\n  name: vaultName\n  properties: {\n    enabledForDiskEncryption: diskEncryption\n  }\n}\n`;
    const kv = resource(await parse(main, { '/virtual/m.bicep': mod }), 'm/kv');
    assert.equal(plainValue(kv.name), 'kv-m');
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), false);
    assert.equal(flag.origins?.[0]?.kind, 'moduleArgument');
    assert.equal(flag.origins?.[0]?.location.file, '/virtual/main.bicep');
    assert.deepEqual(span(flag.origins![0]!.location.range), where(main, 'false'));
    assert.ok(flag.origins?.some((o) => o.kind === 'variable' && o.name === 'shared'));
  });

  it('an unknown spread into module parameters leaves them unknown instead of their defaults', async () => {
    const main = "param shared object\nmodule m './m.bicep' = {\n  name: 'm'\n  params: {\n    ...shared\n  }\n}\n";
    const mod = `param diskEncryption bool = true\n${KV} = {\n  name: 'kv'\n  properties: {\n    enabledForDiskEncryption: diskEncryption\n  }\n}\n`;
    const kv = resource(await parse(main, { '/virtual/m.bicep': mod }), 'm/kv');
    assert.equal(prop(kv.properties, 'enabledForDiskEncryption').kind, 'unknown');
  });
});

describe('bicep typed resource inputs', () => {
  it('a resourceInput<> parameter carries its default (or its argument) into the resource', async () => {
    const text = `param props resourceInput<'Microsoft.KeyVault/vaults@2023-07-01'>.properties = {\n  enabledForDiskEncryption: false\n}\nparam tags resourceInput<'Microsoft.KeyVault/vaults@2023-07-01'>.tags?\n${KV} = {\n  name: 'kv'\n  tags: tags\n  properties: props\n}\n`;
    const model = await parse(text);
    assert.deepEqual(parseErrors(model), []);
    const kv = resource(model, 'kv');
    const flag = prop(kv.properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), false);
    assert.equal(kv.properties?.origins?.[0]?.kind, 'parameterDefault');
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'tags')?.value), null);
  });
});

describe('bicep parameters files in the grammar', () => {
  it('param assignments, using … with, extends and extensionConfig: no skipped region, values bound', async () => {
    const params =
      "using './main.bicep' with {\n  mode: 'stack'\n}\nextends 'shared.bicepparam'\n\nparam diskEncryption = false\nextensionConfig graph with {\n  tenant: 'x'\n}\n";
    const template = `param diskEncryption bool = true\n${KV} = {\n  name: 'kv'\n  properties: {\n    enabledForDiskEncryption: diskEncryption\n  }\n}\n`;
    assert.deepEqual(await grammarErrors(params), []);
    const model = await parse(params, { '/virtual/main.bicep': template }, '/virtual/main.bicepparam');
    assert.deepEqual(parseErrors(model), []);
    const flag = prop(resource(model, 'kv').properties, 'enabledForDiskEncryption');
    assert.equal(plainValue(flag), false);
    assert.equal(flag.origins?.[0]?.kind, 'parameterFile');
    assert.deepEqual(span(flag.origins![0]!.location.range), where(params, 'false'));
  });
});
