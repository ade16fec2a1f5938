import * as assert from 'node:assert/strict';
import { expressionProbe, parse, plainValue, variable } from './helpers';

const { evalExpr, value, reason } = expressionProbe();

describe('bicep expressions', () => {
  it('evaluates literals, objects and arrays', async () => {
    assert.equal(await value("'it\\'s'"), "it's");
    assert.equal(await value('42'), 42);
    assert.equal(await value('-3'), -3);
    assert.equal(await value('true'), true);
    assert.equal(await value('null'), null);
    assert.deepEqual(await value("{\n  a: 1\n  'b-c': [\n    'x'\n    true\n  ]\n}"), { a: 1, 'b-c': ['x', true] });
    assert.deepEqual(await value("[1, 'two']"), [1, 'two']);
  });

  it('evaluates multi-line strings verbatim', async () => {
    assert.equal(await value("'''\nline1\n  ${not} interpolated\n'''"), 'line1\n  ${not} interpolated\n');
  });

  it('evaluates interpolation with known values and keeps escapes', async () => {
    assert.equal(await value("'${p}-x-${n}'", "param p string = 'a'\nparam n int = 3"), 'a-x-3');
    assert.equal(await value("'\\${literal}'"), '${literal}');
    assert.equal(await value("'${b}'", 'param b bool = true'), 'True');
  });

  it('writes symbolic interpolation as the format() call Bicep compiles to', async () => {
    assert.deepEqual(await value("'kv${uniqueString(resourceGroup().id)}'"), {
      symbol: "format('kv{0}', uniqueString(resourceGroup().id))",
    });
    assert.deepEqual(await value("'${p}-${resourceGroup().name}'", "param p string = 'a'"), {
      symbol: "format('{0}-{1}', 'a', resourceGroup().name)",
    });
  });

  it('evaluates operators three-valued', async () => {
    assert.equal(await value('1 + 2 * 3'), 7);
    assert.equal(await value('7 / 2'), 3);
    assert.equal(await value('7 % 4'), 3);
    assert.equal(await value('!false && (2 >= 1)'), true);
    assert.equal(await value('false || 1 < 0'), false);
    assert.equal(await value("'a' == 'A'"), false);
    assert.equal(await value("'a' =~ 'A'"), true);
    assert.equal(await value("'a' != 'b'"), true);
    assert.equal(await value('x || true', 'param x bool'), true, 'a known true decides ||');
    assert.equal(await value('x && false', 'param x bool'), false, 'a known false decides &&');
    assert.deepEqual(await value('x && true', 'param x bool'), { unknown: true });
    assert.equal(await value('x && false', 'param x bool'), false);
    assert.equal(await value('resourceGroup().location == resourceGroup().location'), true);
    assert.match(await reason("resourceGroup().location == 'westeurope'"), /only known at deployment/);
  });

  it('evaluates ternary, ?? and safe access', async () => {
    assert.equal(await value("c ? 'yes' : 'no'", 'param c bool = false'), 'no');
    assert.equal(await value("c ? 'same' : 'same'", 'param c bool'), 'same');
    assert.match(await reason("c ? 'a' : 'b'", 'param c bool'), /condition that is not known/);
    assert.equal(await value("o.?missing ?? 'fallback'", 'param o object = {}'), 'fallback');
    assert.equal(await value("o.?a ?? 'fallback'", "param o object = { a: 'set' }"), 'set');
    assert.equal(await value('o.?a.?b', 'param o object = {}'), null);
  });

  it('evaluates property and index access', async () => {
    const before = "var o = {\n  list: [\n    { n: 'first' }\n  ]\n  'key-x': 5\n}";
    assert.equal(await value('o.list[0].n', before), 'first');
    assert.equal(await value("o['key-x']", before), 5);
    assert.match(await reason('o.list[3]', before), /outside the array/);
    assert.match(await reason('o.nope', before), /no property 'nope'/);
  });

  it('gives canonical symbols for deployment context functions', async () => {
    assert.deepEqual(await value('resourceGroup().location'), { symbol: 'resourceGroup().location' });
    assert.deepEqual(await value('resourceGroup().id'), { symbol: 'resourceGroup().id' });
    assert.deepEqual(await value('subscription().subscriptionId'), { symbol: 'subscription().subscriptionId' });
    assert.deepEqual(await value('subscription().id'), { symbol: 'subscription().id' });
    assert.deepEqual(await value('deployment().name'), { symbol: 'deployment().name' });
    assert.deepEqual(await value('environment().suffixes.keyvaultDns'), {
      symbol: 'environment().suffixes.keyvaultDns',
    });
    assert.deepEqual(await value("uniqueString(resourceGroup().id, 'x')"), {
      symbol: "uniqueString(resourceGroup().id, 'x')",
    });
    assert.deepEqual(await value("guid('a', 'b')"), { symbol: "guid('a', 'b')" });
    assert.deepEqual(await value('az.resourceGroup().location'), { symbol: 'resourceGroup().location' });
  });

  it('evaluates string and collection functions', async () => {
    assert.equal(await value("concat('a', 'b', 'c')"), 'abc');
    assert.deepEqual(await value('concat([1], [2, 3])'), [1, 2, 3]);
    assert.equal(await value("format('{0}-{1}', 'a', 2)"), 'a-2');
    assert.equal(await value("toLower('AbC')"), 'abc');
    assert.equal(await value("toUpper('abc')"), 'ABC');
    assert.equal(await value("replace('a-b-c', '-', '_')"), 'a_b_c');
    assert.deepEqual(await value("split('a,b', ',')"), ['a', 'b']);
    assert.equal(await value('string(12)'), '12');
    assert.equal(await value("int('12')"), 12);
    assert.equal(await value("bool('true')"), true);
    assert.deepEqual(await value('json(\'{"a":[1]}\')'), { a: [1] });
    assert.deepEqual(await value('union({ a: 1, n: { x: 1 } }, { b: 2, n: { y: 2 } })'), {
      a: 1,
      b: 2,
      n: { x: 1, y: 2 },
    });
    assert.equal(await value('empty([])'), true);
    assert.equal(await value("empty('x')"), false);
    assert.equal(await value("contains(['a', 'b'], 'b')"), true);
    assert.equal(await value("contains({ A: 1 }, 'a')"), true);
    assert.equal(await value("length('abcd')"), 4);
    assert.equal(await value("coalesce(null, 'x')"), 'x');
    assert.equal(await value('first([1, 2])'), 1);
    assert.equal(await value('last([1, 2])'), 2);
    assert.equal(await value("any('x')"), 'x');
    assert.equal(await value("toLower(sys.concat('A', 'B'))"), 'ab');
    assert.deepEqual(await value('toLower(resourceGroup().name)'), { symbol: 'toLower(resourceGroup().name)' });
    assert.deepEqual(await value('[for i in range(0, 3): i * 2]'), [0, 2, 4]);
  });

  it('builds resource ids like the compiled ARM template', async () => {
    const id = await evalExpr("resourceId('Microsoft.KeyVault/vaults', 'kv1')");
    assert.equal(id.kind, 'scalar');
    if (id.kind === 'scalar') {
      assert.equal(
        id.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv1',
      );
      assert.deepEqual(id.resourceRef, { type: 'Microsoft.KeyVault/vaults', name: 'kv1' });
    }
    assert.equal(
      await value("resourceId('Microsoft.KeyVault/vaults/keys', 'kv1', 'k')"),
      '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv1/keys/k',
    );
    const other = await evalExpr("resourceId('other-rg', 'Microsoft.KeyVault/vaults', 'kv1')");
    assert.equal(
      other.kind === 'scalar' && other.resourceRef?.scope,
      '/subscriptions/{subscriptionId}/resourceGroups/other-rg',
    );
    assert.equal(
      await value("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')"),
      '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/abc',
    );
    assert.equal(
      await value("tenantResourceId('Microsoft.Management/managementGroups', 'mg')"),
      '/providers/Microsoft.Management/managementGroups/mg',
    );
    assert.deepEqual(await value("resourceId('Microsoft.KeyVault/vaults', uniqueString('a'))"), {
      symbol: "resourceId('Microsoft.KeyVault/vaults', uniqueString('a'))",
    });
  });

  it('resolves symbolic references to resources', async () => {
    const before = `param name string = 'kv-1'
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: 'westeurope'
  properties: {
    enabledForDiskEncryption: true
  }
  resource key 'keys' = {
    name: 'kek'
  }
}`;
    const id = await evalExpr('kv.id', before);
    assert.equal(id.kind, 'scalar');
    if (id.kind === 'scalar') {
      assert.equal(
        id.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv-1',
      );
      assert.deepEqual(id.resourceRef, { type: 'Microsoft.KeyVault/vaults', name: 'kv-1' });
    }
    const keyId = await evalExpr('kv::key.id', before);
    assert.equal(keyId.kind === 'scalar' && keyId.resourceRef?.name, 'kv-1/kek');
    assert.equal(await value('kv.name', before), 'kv-1');
    assert.equal(await value('kv.type', before), 'Microsoft.KeyVault/vaults');
    assert.equal(await value('kv.apiVersion', before), '2023-07-01');
    assert.equal(await value('kv.location', before), 'westeurope');
    assert.equal(await value('kv.properties.enabledForDiskEncryption', before), true);
    assert.equal(await value('kv.properties.vaultUri', before), 'https://kv-1.vault.azure.net/');
    assert.match(await reason('kv.properties.principalId', before), /only known after deployment/);
    assert.deepEqual(await value('[kv.id]', before), [
      '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv-1',
    ]);
    const loc = await evalExpr('kv.location', before);
    assert.equal(loc.origins?.[0]?.kind, 'expression');
  });

  it('makes ids symbolic when the name is symbolic', async () => {
    const v = await evalExpr(
      'kv.id',
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv${uniqueString(resourceGroup().id)}'\n}",
    );
    assert.deepEqual(plainValue(v), {
      symbol: "resourceId('Microsoft.KeyVault/vaults', format('kv{0}', uniqueString(resourceGroup().id)))",
    });
  });

  it('gives unknown values with reasons instead of failing', async () => {
    assert.match(await reason('missing'), /'missing' is not declared/);
    // A parameter with no value is chosen at deployment: the symbol the compiled template uses.
    assert.deepEqual(await value('p', 'param p string'), { symbol: "parameters('p')" });
    assert.match(await reason("reference('x').y"), /not evaluated/);
    assert.match(await reason('concat([1], x => x)'), /lambda/);
    assert.match(await reason("loadTextContent('a.txt')"), /not evaluated/);
  });

  it('stops evaluating when the evaluation budget is spent', async () => {
    const { parseBicepFile } = await import('../../../../src/analysis/bicep');
    const text = 'var v = [for i in range(0, 100): [for j in range(0, 100): [for k in range(0, 100): k]]]\n';
    const m = await parseBicepFile(
      '/virtual/big.bicep',
      text,
      { readFile: async () => undefined },
      { evaluationBudget: 5000 },
    );
    const v = variable(m, 'v');
    assert.equal(v.kind, 'array');
    const last = v.kind === 'array' ? v.items[v.items.length - 1] : undefined;
    assert.equal(last?.kind, 'unknown');
    if (last?.kind === 'unknown') assert.match(last.reason, /too large/);
  });

  it('stops on reference cycles', async () => {
    const m = await parse('var a = b\nvar b = a\n');
    assert.equal(variable(m, 'a').kind, 'unknown');
  });
});

describe('bicep grammar mis-nesting of postfix chains', () => {
  // tree-sitter-bicep 1.1.0 parses `a ?? f().x` as `(a ?? f()).x`; the evaluator binds `.x` to `f()`.
  it('binds a member access after a call to the right-most operand', async () => {
    assert.deepEqual(await value('loc ?? resourceGroup().location', 'param loc string?'), {
      symbol: 'resourceGroup().location',
    });
    assert.equal(await value('resourceGroup().location == resourceGroup().location'), true);
    assert.deepEqual(await value("false ? 'a' : toLower(resourceGroup().name)[0]"), {
      symbol: 'toLower(resourceGroup().name)[0]',
    });
  });

  // The same grammar reads `a && o.name != 'K'` as `((a && o).name) != 'K'`: the chain is moved back
  // onto `o` and the operators regrouped by Bicep's precedence.
  it('groups comparisons inside logical operators after a member access', async () => {
    const o = "param a bool = true\nparam o object = { age: 3, name: 'K', os: 'Linux' }";
    assert.equal(await value("o.age > 2 && o.name != 'K'", o), false);
    assert.equal(await value("o.os == 'Linux' && o.name == 'K'", o), true);
    assert.equal(await value("o.name != 'K' && o.age > 2", o), false);
    assert.equal(await value("!a || o.name == 'K'", o), true);
    assert.equal(await value("o.age > 2 && o.name == 'K' || false", o), true);
    assert.equal(await value("o.age + o.age * 2 == 9 && o.os =~ 'linux'", o), true);
    assert.equal(await value("o.os == 'Windows' ? o.name : o.os == 'Linux' ? o.age : 0", o), 3);
    assert.equal(await value("o.?missing.?x ?? o.name == 'K'", o), true);
    assert.equal(await value('-o.age * 2', o), -6);
  });

  it('keeps explicit parentheses as written', async () => {
    const o = 'param o object = { a: { b: 2 }, f: false }';
    assert.equal(await value('(o.f || o.a.b == 2) && !o.f', o), true);
    assert.equal(await value('(o.f ? o : o.a).b', o), 2);
  });
});
