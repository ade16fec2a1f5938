import * as assert from 'node:assert/strict';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import { expressionProbe, parse, plainValue, variable } from './helpers';

const DOGS = `var dogs = [
  { name: 'Evie', age: 5 }
  { name: 'Casper', age: 3 }
  { name: 'Indy', age: 2 }
  { name: 'Kira', age: 8 }
]
param unset array
`;
const EVIE = { name: 'Evie', age: 5 };
const CASPER = { name: 'Casper', age: 3 };
const INDY = { name: 'Indy', age: 2 };
const KIRA = { name: 'Kira', age: 8 };

const { value, reason } = expressionProbe(DOGS, { noIssues: true });

describe('bicep lambda expressions', () => {
  describe('known inputs', () => {
    it('filter, with an optional index', async () => {
      assert.deepEqual(await value('filter(dogs, dog => dog.age >= 5)'), [EVIE, KIRA]);
      assert.deepEqual(await value('filter(range(0, 10), i => 0 == i % 2)'), [0, 2, 4, 6, 8]);
      assert.deepEqual(await value("filter(dogs, (val, i) => i < 2 && substring(val.name, 0, 1) == 'C')"), [CASPER]);
    });

    it('map, with an optional index', async () => {
      assert.deepEqual(await value('map(dogs, dog => dog.name)'), ['Evie', 'Casper', 'Indy', 'Kira']);
      assert.deepEqual(await value("map(dogs, dog => 'Hello ${dog.name}!')"), [
        'Hello Evie!',
        'Hello Casper!',
        'Hello Indy!',
        'Hello Kira!',
      ]);
      assert.deepEqual(await value("map(['a', 'b'], (x, i) => '${x}-${i}')"), ['a-0', 'b-1']);
      assert.deepEqual(await value('map(range(0, 2), i => {\n  i: i\n  dog: dogs[i].name\n})'), [
        { i: 0, dog: 'Evie' },
        { i: 1, dog: 'Casper' },
      ]);
    });

    it('reduce, with an optional index', async () => {
      assert.equal(await value('reduce(map(dogs, dog => dog.age), 0, (cur, next) => cur + next)'), 18);
      assert.equal(await value('reduce([7, 7, 7], 0, (cur, next, i) => cur + i)'), 3);
      assert.deepEqual(
        await value('reduce([\n  { foo: 123 }\n  { bar: 456 }\n], {}, (cur, next) => union(cur, next))'),
        {
          foo: 123,
          bar: 456,
        },
      );
    });

    it('sort, stable for equal items', async () => {
      assert.deepEqual(await value('sort(dogs, (a, b) => a.age < b.age)'), [INDY, CASPER, EVIE, KIRA]);
      assert.deepEqual(await value("sort([[2, 'a'], [1, 'b'], [2, 'c'], [1, 'd']], (x, y) => x[0] < y[0])"), [
        [1, 'b'],
        [1, 'd'],
        [2, 'a'],
        [2, 'c'],
      ]);
    });

    it('toObject, groupBy and mapValues', async () => {
      assert.deepEqual(await value('toObject(dogs, entry => entry.name)'), {
        Evie: EVIE,
        Casper: CASPER,
        Indy: INDY,
        Kira: KIRA,
      });
      assert.deepEqual(await value('toObject(dogs, entry => entry.name, entry => entry.age)'), {
        Evie: 5,
        Casper: 3,
        Indy: 2,
        Kira: 8,
      });
      assert.deepEqual(await value("groupBy(['foo', 'bar', 'baz'], x => substring(x, 0, 1))"), {
        f: ['foo'],
        b: ['bar', 'baz'],
      });
      assert.deepEqual(await value("mapValues({ foo: 'foo', bar: 'bar' }, val => toUpper(val))"), {
        foo: 'FOO',
        bar: 'BAR',
      });
    });

    it('items lists entries sorted by key; tryGet gives null for what is missing', async () => {
      assert.deepEqual(await value('items({ item002: 2, item001: 1 })'), [
        { key: 'item001', value: 1 },
        { key: 'item002', value: 2 },
      ]);
      assert.equal(await value("tryGet({ a: { b: 1 } }, 'a', 'b')"), 1);
      assert.equal(await value("tryGet({ a: 1 }, 'missing')"), null);
    });

    it('reads bodies the grammar splits around the lambda (postfix chains, operators, ternaries)', async () => {
      assert.deepEqual(await value('map(dogs, x => x.age * 2 + 1)'), [11, 7, 5, 17]);
      assert.deepEqual(await value('map(dogs, x => 1 + x.age)'), [6, 4, 3, 9]);
      assert.deepEqual(await value("map(dogs, x => x.name == 'Evie' ? x.age : -x.age)"), [5, -3, -2, -8]);
      assert.deepEqual(await value("map(dogs, x => x.?color ?? 'brown')"), ['brown', 'brown', 'brown', 'brown']);
      assert.deepEqual(await value('map([[1, 2]], x => x[1])'), [2]);
      assert.deepEqual(await value('map([{ a: { b: true } }], x => !x.a.b)'), [false]);
    });

    it('nested lambdas see the variables of enclosing lambdas and loops', async () => {
      assert.deepEqual(await value('map([1, 2], x => map([10, 20], y => x + y))'), [
        [11, 21],
        [12, 22],
      ]);
      assert.deepEqual(await value('[for n in [1, 2]: map([10], y => n * y)]'), [[10], [20]]);
    });

    it('a lambda variable shadows a declaration of the same name', async () => {
      assert.deepEqual(await value('map([1, 2], dogs => dogs + 1)'), [2, 3]);
    });

    it('the AVM identity and tag patterns', async () => {
      const before = `param managedIdentities object = { userAssignedResourceIds: ['/id/a', '/id/b'] }
param tags object = { env: 'dev', mdmId: '42', Owner: 'me' }`;
      assert.deepEqual(
        await value(
          `reduce(
  map((managedIdentities.?userAssignedResourceIds ?? []), (id) => { '\${id}': {} }),
  {},
  (cur, next) => union(cur, next)
)`,
          before,
        ),
        { '/id/a': {}, '/id/b': {} },
      );
      assert.deepEqual(
        await value(
          "reduce(items(tags), {}, (cur, item) => item.key == 'mdmId' ? cur : union(cur, { '${item.key}': item.value }))",
          before,
        ),
        { env: 'dev', Owner: 'me' },
      );
    });
  });

  describe('unknown inputs', () => {
    it('an unknown collection makes the result unknown with its reason', async () => {
      for (const expr of [
        'map(nowhere, x => x)',
        'filter(nowhere, x => true)',
        'reduce(nowhere, 0, (c, n) => c)',
        'sort(nowhere, (a, b) => true)',
        "toObject(nowhere, x => 'k')",
        "groupBy(nowhere, x => 'k')",
      ]) {
        assert.match(await reason(expr), /'nowhere' is not declared/, expr);
      }
      assert.match(await reason('mapValues(resourceGroup(), x => x)'), /only known at deployment/);
    });

    it('an undecided condition, order or key makes the whole result unknown', async () => {
      assert.match(await reason('filter(dogs, d => d.age > length(nowhere))'), /'nowhere' is not declared/);
      assert.match(await reason('sort(dogs, (a, b) => a.age < length(nowhere))'), /'nowhere'/);
      assert.match(await reason('toObject(dogs, d => resourceGroup().name)'), /not known before deployment/);
      assert.match(await reason("toObject(['a', 'a'], x => x)"), /produced twice/);
    });

    it('map keeps the items it can compute', async () => {
      assert.deepEqual(await value("map([1, 2], x => x == 1 ? 'one' : nowhere[0])"), ['one', { unknown: true }]);
    });
  });

  describe('misuse and limits', () => {
    it('lambdas where no lambda function takes them are unknown with a reason', async () => {
      assert.match(await reason('concat([1], x => x)'), /with a lambda is not evaluated/);
      assert.match(await reason('map(dogs, (a, b, c) => a)'), /must declare 1 or 2 variable/);
      assert.match(await reason('sort(dogs, a => a)'), /must declare 2 variable/);
      assert.match(await reason("map(dogs, 'x')"), /expects a lambda/);
      assert.match(await reason("map('abc', x => x)"), /needs an array/);
    });

    it('long collections are not run over; nested lambdas stop at the evaluation budget', async () => {
      assert.equal((await value('map(range(0, 1000), x => x)')) instanceof Array, true);
      assert.match(await reason('map(concat(range(0, 1000), [1000]), x => x)'), /more than 1000 items/);
      const text = 'var v = map(range(0, 200), x => map(range(0, 200), y => map(range(0, 200), z => x + y + z)))\n';
      const m = await parseBicepFile(
        '/virtual/big.bicep',
        text,
        { readFile: async () => undefined },
        { evaluationBudget: 100_000 },
      );
      const v = variable(m, 'v');
      assert.equal(v.kind, 'unknown');
      if (v.kind === 'unknown') assert.match(v.reason, /too large/);
    });
  });

  it('items read through lambda variables remember the parameter they came from', async () => {
    const m = await parse(
      "param vaults array = [\n  { name: 'kv1' }\n  { name: 'kv2' }\n]\nvar names = map(vaults, v => v.name)\n",
    );
    const names = variable(m, 'names');
    assert.deepEqual(plainValue(names), ['kv1', 'kv2']);
    const first = names.kind === 'array' ? names.items[0] : undefined;
    assert.equal(first?.origins?.[0]?.kind, 'parameterDefault');
    assert.equal(first?.origins?.[0]?.name, 'vaults');
  });
});
