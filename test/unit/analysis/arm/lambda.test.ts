import * as assert from 'node:assert/strict';
import { evaluateArmExpression, parseArmFile } from '../../../../src/analysis/arm';
import type { ArmLimits } from '../../../../src/analysis/arm';
import type { ValueNode } from '../../../../src/analysis/model';
import { getPath, toPlain } from '../../../../src/analysis/model';

const DOGS = [
  { name: 'Evie', age: 5 },
  { name: 'Casper', age: 3 },
  { name: 'Indy', age: 2 },
  { name: 'Kira', age: 8 },
];

function ev(text: string, parameters?: Record<string, unknown>, limits?: Partial<ArmLimits>): ValueNode {
  return evaluateArmExpression(text, { parameters, variables: { dogs: DOGS }, limits });
}

function plain(text: string, parameters?: Record<string, unknown>): unknown {
  const v = ev(text, parameters);
  assert.notEqual(v.kind, 'unknown', `expected a known value for ${text}, got ${v.kind === 'unknown' ? v.reason : ''}`);
  const p = toPlain(v);
  assert.notEqual(p, undefined, `expected a fully known value for ${text}`);
  return p;
}

function reason(v: ValueNode): string {
  assert.equal(v.kind, 'unknown', `expected unknown, got ${JSON.stringify(toPlain(v))}`);
  return v.kind === 'unknown' ? v.reason : '';
}

describe('ARM lambda functions', () => {
  describe('known inputs', () => {
    it('filter keeps the items whose condition is true, with an optional index', () => {
      assert.deepEqual(
        plain("[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]"),
        [0, 2, 4, 6, 8],
      );
      assert.deepEqual(
        plain("[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]"),
        [DOGS[0], DOGS[3]],
      );
      const byIndex =
        "[filter(variables('dogs'), lambda('val', 'i', and(less(lambdaVariables('i'), 2), equals(substring(lambdaVariables('val').name, 0, 1), 'C'))))]";
      assert.deepEqual(plain(byIndex), [DOGS[1]]);
    });

    it('map applies the lambda to each item, with an optional index', () => {
      assert.deepEqual(plain("[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]"), [
        'Evie',
        'Casper',
        'Indy',
        'Kira',
      ]);
      assert.deepEqual(
        plain(
          "[map(createArray('a', 'b'), lambda('x', 'i', format('{0}-{1}', lambdaVariables('x'), lambdaVariables('i'))))]",
        ),
        ['a-0', 'b-1'],
      );
      assert.deepEqual(plain("[map(createArray(), lambda('x', lambdaVariables('x')))]"), []);
    });

    it('reduce folds from the initial value, with an optional index', () => {
      const sum = "lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next')))";
      assert.equal(plain(`[reduce(map(variables('dogs'), lambda('d', lambdaVariables('d').age)), 0, ${sum})]`), 18);
      assert.equal(plain(`[reduce(map(variables('dogs'), lambda('d', lambdaVariables('d').age)), 1, ${sum})]`), 19);
      assert.equal(
        plain(
          "[reduce(createArray(7, 7, 7), 0, lambda('c', 'n', 'i', add(lambdaVariables('c'), lambdaVariables('i'))))]",
        ),
        3,
      );
      assert.deepEqual(
        plain(
          "[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
        ),
        { foo: 123, bar: 456, baz: 789 },
      );
      assert.equal(plain("[reduce(createArray(), 'seed', lambda('c', 'n', 'other'))]"), 'seed');
    });

    it('sort orders by the "comes first" predicate and keeps equal items in order', () => {
      assert.deepEqual(
        plain("[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]"),
        [DOGS[2], DOGS[1], DOGS[0], DOGS[3]],
      );
      const pairs = "createArray(createArray(2, 'a'), createArray(1, 'b'), createArray(2, 'c'), createArray(1, 'd'))";
      assert.deepEqual(
        plain(`[sort(${pairs}, lambda('x', 'y', less(lambdaVariables('x')[0], lambdaVariables('y')[0])))]`),
        [
          [1, 'b'],
          [1, 'd'],
          [2, 'a'],
          [2, 'c'],
        ],
      );
    });

    it('toObject builds keys (and optionally values) with lambdas', () => {
      assert.deepEqual(plain("[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))]"), {
        Evie: DOGS[0],
        Casper: DOGS[1],
        Indy: DOGS[2],
        Kira: DOGS[3],
      });
      assert.deepEqual(
        plain(
          "[toObject(variables('dogs'), lambda('e', lambdaVariables('e').name), lambda('e', lambdaVariables('e').age))]",
        ),
        { Evie: 5, Casper: 3, Indy: 2, Kira: 8 },
      );
    });

    it('groupBy collects the items under their key, in first-seen order', () => {
      assert.deepEqual(
        plain("[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]"),
        { f: ['foo'], b: ['bar', 'baz'] },
      );
      assert.deepEqual(
        plain(
          "[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)), lambda('x', toUpper(lambdaVariables('x'))))]",
        ),
        { f: ['FOO'], b: ['BAR', 'BAZ'] },
      );
    });

    it('mapValues maps the values of an object and keeps the keys', () => {
      assert.deepEqual(
        plain("[mapValues(createObject('foo', 'foo', 'bar', 'bar'), lambda('val', toUpper(lambdaVariables('val'))))]"),
        { foo: 'FOO', bar: 'BAR' },
      );
    });

    it('items lists key/value entries sorted by key', () => {
      assert.deepEqual(plain("[items(createObject('item002', 2, 'item001', 1))]"), [
        { key: 'item001', value: 1 },
        { key: 'item002', value: 2 },
      ]);
      assert.deepEqual(
        plain(
          "[toObject(items(createObject('a', 1, 'b', 2)), lambda('e', toUpper(lambdaVariables('e').key)), lambda('e', lambdaVariables('e').value))]",
        ),
        { A: 1, B: 2 },
      );
    });

    it('tryGet reads like member access, but a missing key or a null value gives null', () => {
      const p = { o: { a: { b: 1 } }, n: null };
      assert.equal(plain("[tryGet(parameters('o'), 'a', 'b')]", p), 1);
      assert.equal(plain("[tryGet(parameters('o'), 'missing')]", p), null);
      assert.equal(plain("[tryGet(parameters('n'), 'a')]", p), null);
      assert.equal(plain('[tryGet(createArray(1, 2), 5)]'), null);
      assert.equal(plain('[tryGet(createArray(1, 2), 1)]'), 2);
    });

    it('lambdaVariables is case-insensitive and nested lambdas see outer variables', () => {
      assert.deepEqual(
        plain(
          "[map(createArray(1, 2), lambda('X', map(createArray(10, 20), lambda('y', add(lambdaVariables('x'), lambdaVariables('Y'))))))]",
        ),
        [
          [11, 21],
          [12, 22],
        ],
      );
    });
  });

  describe('unknown inputs', () => {
    it('an unknown collection makes the result unknown with its reason', () => {
      for (const fn of [
        "map(parameters('nope'), lambda('x', 1))",
        "filter(parameters('nope'), lambda('x', true()))",
        "reduce(parameters('nope'), 0, lambda('c', 'n', 1))",
        "sort(parameters('nope'), lambda('a', 'b', true()))",
        "toObject(parameters('nope'), lambda('x', 'k'))",
        "groupBy(parameters('nope'), lambda('x', 'k'))",
        "mapValues(parameters('nope'), lambda('x', 1))",
      ]) {
        assert.match(reason(ev(`[${fn}]`, {})), /parameter 'nope' is not declared/, fn);
      }
    });

    it('a collection only known at deployment is unknown', () => {
      assert.match(reason(ev("[map(reference('x').items, lambda('i', 1))]")), /only known at deployment/);
    });

    it('an undecided condition, order or key makes the whole result unknown', () => {
      const p = { xs: [1, 2, 3] };
      assert.match(
        reason(ev("[filter(parameters('xs'), lambda('x', equals(lambdaVariables('x'), parameters('nope'))))]", p)),
        /parameter 'nope' is not declared/,
      );
      assert.match(
        reason(
          ev("[filter(parameters('xs'), lambda('x', equals(lambdaVariables('x'), resourceGroup().location)))]", p),
        ),
        /not known before deployment/,
      );
      assert.match(reason(ev("[sort(parameters('xs'), lambda('a', 'b', parameters('nope')))]", p)), /'nope'/);
      assert.match(reason(ev("[toObject(parameters('xs'), lambda('x', parameters('nope')))]", p)), /'nope'/);
      assert.match(reason(ev("[groupBy(parameters('xs'), lambda('x', resourceGroup().name))]", p)), /not known/);
    });

    it('map keeps the items it can compute and marks the others unknown', () => {
      const v = ev(
        "[map(createArray(1, 2), lambda('x', if(equals(lambdaVariables('x'), 1), 'one', parameters('nope'))))]",
        {},
      );
      assert.equal(v.kind, 'array');
      const items = v.kind === 'array' ? v.items : [];
      assert.equal(items[0]?.kind === 'scalar' && items[0].value, 'one');
      assert.match(reason(items[1]!), /parameter 'nope' is not declared/);
    });

    it('reduce carries on past an unknown accumulator when later steps do not use it', () => {
      assert.equal(
        plain("[reduce(createArray(1, 2), parameters('nope'), lambda('c', 'n', lambdaVariables('n')))]", {}),
        2,
      );
    });

    it('duplicate toObject keys leave the object unknown', () => {
      assert.match(
        reason(ev("[toObject(createArray('a', 'A'), lambda('x', lambdaVariables('x')))]")),
        /produced twice/,
      );
    });
  });

  describe('misuse', () => {
    it('lambdaVariables outside of a lambda is unknown with a reason', () => {
      assert.equal(reason(ev("[lambdaVariables('x')]")), "lambdaVariables('x') outside of a lambda");
      assert.equal(
        reason(ev("[first(map(createArray(1), lambda('x', lambdaVariables('y'))))]")),
        "lambda variable 'y' is not declared",
      );
    });

    it('lambda outside of a lambda function is unknown with a reason', () => {
      assert.match(reason(ev("[lambda('x', 1)]")), /only evaluated as an argument of filter\(\), map\(\)/);
      assert.match(reason(ev("[concat(createArray(1), lambda('x', 1))]")), /only evaluated as an argument/);
    });

    it('wrong lambdas and arguments are unknown, never a crash', () => {
      assert.match(reason(ev("[map(createArray(1), 'x')]")), /expects a lambda/);
      assert.match(reason(ev("[map(createArray(1), lambda('a', 'b', 'c', 1))]")), /must declare 1 or 2 variable/);
      assert.match(reason(ev("[sort(createArray(1), lambda('a', true()))]")), /must declare 2 variable/);
      assert.match(reason(ev("[map(createArray(1), lambda(concat('x'), 1))]")), /string literals/);
      assert.match(reason(ev('[map(createArray(1))]')), /does not take 1 argument/);
      assert.match(reason(ev("[map('abc', lambda('x', 1))]")), /expects an array/);
      assert.match(reason(ev("[mapValues(createArray(1), lambda('x', 1))]")), /expects an object/);
    });
  });

  describe('limits', () => {
    it('nested maps that would take millions of steps stop as too complex', () => {
      const bomb =
        "[map(range(0, 1000), lambda('x', map(range(0, 1000), lambda('y', map(range(0, 1000), lambda('z', add(lambdaVariables('x'), lambdaVariables('z'))))))))]";
      assert.match(reason(ev(bomb)), /too complex/);
    });

    it('a collection longer than the item limit is not run over', () => {
      assert.match(reason(ev("[map(range(0, 10000), lambda('x', 1))]")), /more than 1000 items/);
      assert.match(
        reason(ev("[map(range(0, 20), lambda('x', 1))]", undefined, { maxLambdaItems: 10 })),
        /more than 10 items/,
      );
    });
  });

  describe('in a template', () => {
    const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaults": { "type": "array", "defaultValue": [ { "name": "kv1", "purge": true }, { "name": "kv2", "purge": false } ] }
  },
  "variables": {
    "names": "[map(parameters('vaults'), lambda('v', lambdaVariables('v').name))]",
    "purged": "[filter(parameters('vaults'), lambda('v', lambdaVariables('v').purge))]"
  },
  "resources": []
}`;

    it('items selected or read through lambda variables remember the parameter they came from', () => {
      const model = parseArmFile('t.json', TEMPLATE);
      assert.deepEqual(model.issues, []);
      const names = model.variables.find((v) => v.name === 'names')!.value;
      assert.deepEqual(toPlain(names), ['kv1', 'kv2']);
      const first = names.kind === 'array' ? names.items[0] : undefined;
      assert.equal(first?.origins?.[0]?.kind, 'parameterDefault');
      assert.equal(first?.origins?.[0]?.name, 'vaults');
      const purged = model.variables.find((v) => v.name === 'purged')!.value;
      assert.deepEqual(toPlain(purged), [{ name: 'kv1', purge: true }]);
      const kept = purged.kind === 'array' ? purged.items[0] : undefined;
      assert.equal(kept?.origins?.[0]?.name, 'vaults');
      assert.equal(getPath(kept, 'purge')?.kind, 'scalar');
    });
  });
});
