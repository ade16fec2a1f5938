import * as assert from 'node:assert/strict';
import { evaluateArmExpression } from '../../../../src/analysis/arm';
import type { ValueNode } from '../../../../src/analysis/model';
import { toPlain } from '../../../../src/analysis/model';

function ev(text: string, parameters?: Record<string, unknown>, variables?: Record<string, unknown>): ValueNode {
  return evaluateArmExpression(text, { parameters, variables });
}

function plain(text: string, parameters?: Record<string, unknown>, variables?: Record<string, unknown>): unknown {
  const v = ev(text, parameters, variables);
  assert.notEqual(v.kind, 'unknown', `expected a known value for ${text}, got ${v.kind === 'unknown' ? v.reason : ''}`);
  return toPlain(v);
}

function reason(v: ValueNode): string {
  assert.equal(v.kind, 'unknown');
  return v.kind === 'unknown' ? v.reason : '';
}

describe('ARM expression evaluator', () => {
  describe('literals and escapes', () => {
    it('returns plain strings unchanged', () => {
      assert.equal(plain('hello'), 'hello');
    });
    it("unescapes '[[' to a literal '['", () => {
      assert.equal(plain("[[concat('a')]"), "[concat('a')]");
    });
    it('reads string literals with doubled quotes, numbers and booleans', () => {
      assert.equal(plain("['it''s']"), "it's");
      assert.equal(plain('[42]'), 42);
      assert.equal(plain('[-3]'), -3);
      assert.equal(plain('[true()]'), true);
      assert.equal(plain('[false()]'), false);
      assert.equal(plain('[null()]'), null);
    });
  });

  describe('string functions', () => {
    it('concat strings and arrays', () => {
      assert.equal(plain("[concat('a', 'b', 1)]"), 'ab1');
      assert.deepEqual(plain('[concat(createArray(1, 2), createArray(3))]'), [1, 2, 3]);
    });
    it('format with indexes and escaped braces', () => {
      assert.equal(plain("[format('{0}-{1}-{0} {{x}}', 'a', 'b')]"), 'a-b-a {x}');
      assert.equal(plain("[format('{0,-3}|{1:D}', 'a', 'b')]"), 'a|b');
      assert.equal(ev("[format('{0:N2}', 3)]").kind, 'unknown');
      assert.equal(ev("[format('{2}', 'a')]").kind, 'unknown');
      assert.equal(ev("[format('{0', 'a')]").kind, 'unknown');
      assert.equal(ev("[format('a}b', 'a')]").kind, 'unknown');
    });
    it('uri joins like a relative link and is symbolic on a symbolic base', () => {
      assert.equal(
        plain("[uri('https://x.example/a/main.json', 'nested/b.json')]"),
        'https://x.example/a/nested/b.json',
      );
      assert.equal(plain("[uri('https://x.example/a/main.json', '/b.json')]"), 'https://x.example/b.json');
      const v = ev("[uri(deployment().properties.templateLink.uri, 'nested/b.json')]");
      assert.equal(v.kind === 'symbol' && v.expr, "uri(deployment().properties.templateLink.uri, 'nested/b.json')");
    });
    it('toLower, toUpper, replace, split, trim, substring, padLeft', () => {
      assert.equal(plain("[toLower('AbC')]"), 'abc');
      assert.equal(plain("[toUpper('AbC')]"), 'ABC');
      assert.equal(plain("[replace('a-b-c', '-', '_')]"), 'a_b_c');
      assert.deepEqual(plain("[split('a,b;c', createArray(',', ';'))]"), ['a', 'b', 'c']);
      assert.equal(plain("[trim('  x ')]"), 'x');
      assert.equal(plain("[substring('abcdef', 2, 3)]"), 'cde');
      assert.equal(plain("[padLeft('7', 3, '0')]"), '007');
    });
    it('startsWith/endsWith are case-insensitive, contains on strings is not', () => {
      assert.equal(plain("[startsWith('KeyVault', 'key')]"), true);
      assert.equal(plain("[endsWith('KeyVault', 'VAULT')]"), true);
      assert.equal(plain("[contains('KeyVault', 'Vault')]"), true);
      assert.equal(plain("[contains('KeyVault', 'vault')]"), false);
    });
    it('string, int, bool, json conversions', () => {
      assert.equal(plain('[string(5)]'), '5');
      assert.equal(plain('[string(true())]'), 'True');
      assert.equal(plain('[string(json(\'{"a":1}\'))]'), '{"a":1}');
      assert.equal(plain("[int('12')]"), 12);
      assert.equal(plain("[bool('TRUE')]"), true);
      assert.deepEqual(plain('[json(\'{"a":[1,true]}\')]'), { a: [1, true] });
    });
    it('first, last, take, skip, length, empty', () => {
      assert.equal(plain("[first('abc')]"), 'a');
      assert.equal(plain('[last(createArray(1, 2, 3))]'), 3);
      assert.deepEqual(plain('[take(createArray(1, 2, 3), 2)]'), [1, 2]);
      assert.equal(plain("[skip('abcd', 2)]"), 'cd');
      assert.equal(plain("[length('abcd')]"), 4);
      assert.equal(plain("[length(createObject('a', 1))]"), 1);
      assert.equal(plain("[empty('')]"), true);
      assert.equal(plain('[empty(createArray())]'), true);
      assert.equal(plain("[empty(createObject('a', 1))]"), false);
    });
  });

  describe('logic and comparison', () => {
    it('if, equals, and, or, not', () => {
      assert.equal(plain("[if(equals(1, 1), 'yes', 'no')]"), 'yes');
      assert.equal(plain("[if(equals('a', 'A'), 'yes', 'no')]"), 'no');
      assert.equal(plain('[and(true(), false())]'), false);
      assert.equal(plain('[or(false(), true())]'), true);
      assert.equal(plain('[not(false())]'), true);
    });
    it('greater, less, coalesce, min, max, arithmetic', () => {
      assert.equal(plain('[greater(3, 2)]'), true);
      assert.equal(plain("[less('a', 'b')]"), true);
      assert.equal(plain("[coalesce(null(), 'x')]"), 'x');
      assert.equal(plain('[max(1, 5, 3)]'), 5);
      assert.equal(plain('[min(createArray(4, 2))]'), 2);
      assert.equal(plain('[add(2, mul(3, 4))]'), 14);
      assert.equal(plain('[div(7, 2)]'), 3);
    });
    it('equals compares objects deeply', () => {
      assert.equal(plain("[equals(createObject('a', 1), json('{\"a\":1}'))]"), true);
    });
  });

  describe('objects and arrays', () => {
    it('createObject, createArray, union, property and index access', () => {
      assert.deepEqual(plain("[createObject('a', 1, 'b', createArray('x'))]"), { a: 1, b: ['x'] });
      assert.deepEqual(plain("[union(createObject('a', 1), createObject('b', 2, 'a', 3))]"), { a: 3, b: 2 });
      assert.deepEqual(plain('[union(createArray(1, 2), createArray(2, 3))]'), [1, 2, 3]);
      assert.equal(plain("[createObject('inner', createObject('x', 'v')).inner.x]"), 'v');
      assert.equal(plain("[createObject('Inner', 1)['inner']]"), 1);
      assert.equal(plain("[createArray('a', 'b')[1]]"), 'b');
      assert.equal(plain("[contains(createObject('Key', 1), 'key')]"), true);
      assert.equal(plain("[contains(createArray('a', 'b'), 'b')]"), true);
    });
  });

  describe('names are case-insensitive', () => {
    it('function names', () => {
      assert.equal(plain("[CONCAT('a', ToLower('B'))]"), 'ab');
      assert.equal(plain("[toupper('x')]"), 'X');
    });
    it('parameter and variable names', () => {
      assert.equal(plain("[parameters('VAULTNAME')]", { vaultName: 'kv1' }), 'kv1');
      assert.equal(plain("[variables('Prefix')]", undefined, { prefix: 'p' }), 'p');
    });
  });

  describe('resource ids', () => {
    it('resourceId gives a known id and a resourceRef', () => {
      const v = ev("[resourceId('Microsoft.KeyVault/vaults', 'kv1')]");
      assert.equal(v.kind, 'scalar');
      if (v.kind !== 'scalar') return;
      assert.equal(
        v.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv1',
      );
      assert.deepEqual(v.resourceRef, { type: 'Microsoft.KeyVault/vaults', name: 'kv1' });
    });
    it('interleaves child types and names', () => {
      const v = ev("[resourceId('Microsoft.KeyVault/vaults/keys', 'kv1', 'kek')]");
      assert.equal(
        v.kind === 'scalar' && v.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv1/keys/kek',
      );
      assert.deepEqual(v.kind === 'scalar' && v.resourceRef, {
        type: 'Microsoft.KeyVault/vaults/keys',
        name: 'kv1/kek',
      });
    });
    it('accepts child names written as one parent/child argument', () => {
      const v = ev("[resourceId('Microsoft.KeyVault/vaults/keys', 'kv1/kek')]");
      assert.equal(
        v.kind === 'scalar' && v.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv1/keys/kek',
      );
      assert.deepEqual(v.kind === 'scalar' && v.resourceRef, {
        type: 'Microsoft.KeyVault/vaults/keys',
        name: 'kv1/kek',
      });
    });
    it('a symbolic name gives a symbolic resourceId call', () => {
      const v = ev("[resourceId('Microsoft.KeyVault/vaults', concat('kv', uniqueString(resourceGroup().id)))]");
      assert.equal(
        v.kind === 'symbol' && v.expr,
        "resourceId('Microsoft.KeyVault/vaults', concat('kv', uniqueString(resourceGroup().id)))",
      );
    });
    it('tolerates a trailing slash after the type', () => {
      const v = ev("[resourceId('Microsoft.Network/publicIPAddresses/', 'ip')]");
      assert.deepEqual(v.kind === 'scalar' && v.resourceRef, {
        type: 'Microsoft.Network/publicIPAddresses',
        name: 'ip',
      });
    });
    it('records another resource group as scope', () => {
      const v = ev("[resourceId('otherRg', 'Microsoft.KeyVault/vaults', 'kv1')]");
      assert.equal(
        v.kind === 'scalar' && v.value,
        '/subscriptions/{subscriptionId}/resourceGroups/otherRg/providers/Microsoft.KeyVault/vaults/kv1',
      );
      assert.deepEqual(v.kind === 'scalar' && v.resourceRef, {
        type: 'Microsoft.KeyVault/vaults',
        name: 'kv1',
        scope: '/subscriptions/{subscriptionId}/resourceGroups/otherRg',
      });
    });
    it('treats the deployment own scope arguments as the default scope', () => {
      const v = ev(
        "[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.KeyVault/vaults', 'kv1')]",
      );
      assert.equal(v.kind, 'scalar');
      assert.equal(v.kind === 'scalar' && v.resourceRef?.scope, undefined);
    });
    it('subscriptionResourceId, tenantResourceId, extensionResourceId', () => {
      assert.equal(
        plain("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"),
        '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/abc',
      );
      assert.equal(
        plain("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]"),
        '/providers/Microsoft.Management/managementGroups/mg',
      );
      const ext = ev(
        "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', 'kv'), 'Microsoft.Authorization/locks', 'lock')]",
      );
      assert.equal(
        ext.kind === 'scalar' && ext.value,
        '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Authorization/locks/lock',
      );
      assert.deepEqual(ext.kind === 'scalar' && ext.resourceRef, {
        type: 'Microsoft.Authorization/locks',
        name: 'lock',
      });
    });
    it('an unknown name makes the id unknown', () => {
      const v = ev("[resourceId('Microsoft.KeyVault/vaults', parameters('missing'))]", { other: 1 });
      assert.match(reason(v), /not declared/);
    });
  });

  describe('deploy-time symbols', () => {
    it('resourceGroup(), subscription(), deployment() and their properties', () => {
      const loc = ev('[resourceGroup().location]');
      assert.deepEqual(loc.kind === 'symbol' && loc.expr, 'resourceGroup().location');
      const sub = ev("[subscription()['subscriptionId']]");
      assert.equal(sub.kind === 'symbol' && sub.expr, 'subscription().subscriptionId');
      const dep = ev('[DEPLOYMENT().name]');
      assert.equal(dep.kind === 'symbol' && dep.expr, 'deployment().name');
    });
    it('reference() is a symbol keyed by its target', () => {
      const v = ev("[reference(resourceId('Microsoft.KeyVault/vaults', 'kv'), '2022-07-01').vaultUri]");
      assert.equal(
        v.kind === 'symbol' && v.expr,
        "reference('/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv').vaultUri",
      );
    });
    it('uniqueString and guid are symbolic, and so are strings built from them', () => {
      const a = ev("[concat('kv-', uniqueString(resourceGroup().id))]");
      const b = ev("[concat('kv-', uniqueString(resourceGroup().id))]");
      assert.equal(a.kind, 'symbol');
      assert.equal(a.kind === 'symbol' && b.kind === 'symbol' && a.expr === b.expr, true);
      assert.equal(ev("[guid('x')]").kind, 'symbol');
    });
    it('equal symbols compare equal; a symbol against a literal is unknown', () => {
      assert.equal(plain('[equals(resourceGroup().location, resourceGroup().location)]'), true);
      assert.equal(ev("[equals(resourceGroup().location, 'westeurope')]").kind, 'unknown');
    });
  });

  describe('three-valued logic', () => {
    it('unknown inputs make results unknown, with the reason', () => {
      const v = ev("[concat('a', parameters('p'))]", { q: 1 });
      assert.match(reason(v), /parameter 'p' is not declared/);
    });
    it('keeps results that do not depend on the unknown', () => {
      assert.equal(plain("[if(true(), 'a', parameters('nope'))]", {}), 'a');
      assert.equal(plain("[or(true(), parameters('nope'))]", {}), true);
      assert.equal(plain("[and(false(), parameters('nope'))]", {}), false);
      assert.equal(plain("[if(parameters('nope'), 'same', 'same')]", {}), 'same');
    });
    it('an unknown condition makes if() unknown', () => {
      assert.equal(ev("[if(parameters('nope'), 'a', 'b')]", {}).kind, 'unknown');
      assert.equal(ev("[or(false(), parameters('nope'))]", {}).kind, 'unknown');
    });
    it('unsupported functions are unknown with a reason', () => {
      assert.equal(reason(ev("[foo('x')]")), "function 'foo' is not evaluated");
      assert.equal(reason(ev("[listKeys('x', '2020-01-01').keys[0].value]")), "function 'listKeys' is not evaluated");
      assert.match(reason(ev("[ns.myFunc('x')]")), /user-defined function 'ns.myFunc'/);
    });
    it('copyIndex outside a loop is unknown, inside uses the given index', () => {
      assert.equal(ev('[copyIndex()]').kind, 'unknown');
      const v = evaluateArmExpression('[copyIndex(1)]', { copyIndex: 0 });
      assert.equal(v.kind === 'scalar' && v.value, 1);
    });
  });

  describe('bad input never throws', () => {
    const bad = [
      '[',
      '[]',
      "[concat('a'",
      "[concat('a',)]",
      "['unterminated]",
      '[concat(1 2)]',
      '[a.b.c]',
      '[#]',
      '[parameters()]',
      '[createArray(1)[5]]',
      "[createObject('a')]",
      "[substring('abc', 5)]",
      '[div(1, 0)]',
      "[json('{')]",
      "[resourceId('Microsoft.KeyVault/vaults')]",
    ];
    for (const text of bad) {
      it(`evaluates ${JSON.stringify(text)} to a value`, () => {
        const v = ev(text);
        assert.ok(v.kind === 'unknown' || v.kind === 'scalar', `${text} → ${v.kind}`);
      });
    }
  });

  describe('limits', () => {
    it('a 10k-deep nested concat is unknown, not a crash', () => {
      const text = `[${'concat('.repeat(10_000)}'x'${')'.repeat(10_000)}]`;
      assert.match(reason(ev(text)), /too complex/);
    });
    it('an over-long expression is unknown', () => {
      const text = `[concat(${Array.from({ length: 30_000 }, () => "'aaaa'").join(',')})]`;
      assert.match(reason(ev(text)), /too complex/);
    });
    it('a hostile format string is handled in linear time', () => {
      const fmt = '{0:'.repeat(30_000);
      assert.equal(evaluateArmExpression("[format(variables('f'), 'x')]", { variables: { f: fmt } }).kind, 'unknown');
      const many = '{0}'.repeat(30_000);
      const v = evaluateArmExpression("[format(variables('f'), 'ab')]", { variables: { f: many } });
      assert.equal(v.kind === 'scalar' && typeof v.value === 'string' && v.value.length, 60_000);
    });
    it('union of large arrays and objects stops at the budget', () => {
      const big = Array.from({ length: 50_000 }, (_, i) => i);
      const v = evaluateArmExpression("[union(variables('a'), variables('a'))]", { variables: { a: big } });
      assert.match(reason(v), /too complex/);
      const obj = Object.fromEntries(big.map((i) => [`k${i}`, i]));
      const o = evaluateArmExpression("[length(union(variables('o'), variables('o')))]", { variables: { o: obj } });
      assert.equal(o.kind === 'scalar' && o.value, 50_000);
    });
    it('strings beyond the size limit are unknown', () => {
      const v = evaluateArmExpression("[padLeft('x', 5000000, 'y')]");
      assert.match(reason(v), /too complex/);
    });
    it('exponential growth through variables is cut off', () => {
      const variables: Record<string, unknown> = { v0: 'abcdefghij' };
      const v = evaluateArmExpression("[concat(variables('v0'), variables('v0'))]", { variables });
      assert.equal(v.kind === 'scalar' && v.value, 'abcdefghijabcdefghij');
    });
  });
});
