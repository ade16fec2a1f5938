import * as assert from 'node:assert/strict';
import { evaluateArmExpression, parseArmFile } from '../../../../src/analysis/arm';
import { toPlain } from '../../../../src/analysis/model';
import { parse, plainValue, variable } from './helpers';

/** Lambda variables and what Bicep compiles them to (the ARM template of the same file). */
const BICEP = `param managedIdentities object = {
  userAssignedResourceIds: [
    '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a'
    '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b'
  ]
}
param noIdentities object = {}
param tags object = {
  env: 'dev'
  mdmId: '42'
  Owner: 'me'
}
var dogs = [
  { name: 'Evie', age: 5 }
  { name: 'Casper', age: 3 }
  { name: 'Indy', age: 2 }
  { name: 'Kira', age: 8 }
]
var formattedUserAssignedIdentities = reduce(
  map((managedIdentities.?userAssignedResourceIds ?? []), (id) => { '\${id}': {} }),
  {},
  (cur, next) => union(cur, next)
)
var noFormattedIdentities = reduce(
  map((noIdentities.?userAssignedResourceIds ?? []), (id) => { '\${id}': {} }),
  {},
  (cur, next) => union(cur, next)
)
var tagsWithoutMdm = reduce(items(tags), {}, (cur, item) => item.key == 'mdmId' ? cur : union(cur, { '\${item.key}': item.value }))
var oldDogs = filter(dogs, dog => dog.age >= 5)
var greetings = map(dogs, (dog, i) => '\${i}: Hello \${dog.name}!')
var weightedAges = reduce(map(dogs, dog => dog.age), 0, (cur, next, i) => cur + next * i)
var byAge = sort(dogs, (a, b) => a.age < b.age)
var agesByName = toObject(dogs, dog => dog.name, dog => dog.age)
var byInitial = groupBy(map(dogs, dog => dog.name), name => toLower(substring(name, 0, 1)))
var upperTags = mapValues(tags, value => toUpper(value))
`;

const ARM = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "managedIdentities": {
      "type": "object",
      "defaultValue": {
        "userAssignedResourceIds": [
          "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a",
          "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b"
        ]
      }
    },
    "noIdentities": { "type": "object", "defaultValue": {} },
    "tags": { "type": "object", "defaultValue": { "env": "dev", "mdmId": "42", "Owner": "me" } }
  },
  "variables": {
    "dogs": [
      { "name": "Evie", "age": 5 },
      { "name": "Casper", "age": 3 },
      { "name": "Indy", "age": 2 },
      { "name": "Kira", "age": 8 }
    ],
    "formattedUserAssignedIdentities": "[reduce(map(coalesce(tryGet(parameters('managedIdentities'), 'userAssignedResourceIds'), createArray()), lambda('id', createObject(format('{0}', lambdaVariables('id')), createObject()))), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
    "noFormattedIdentities": "[reduce(map(coalesce(tryGet(parameters('noIdentities'), 'userAssignedResourceIds'), createArray()), lambda('id', createObject(format('{0}', lambdaVariables('id')), createObject()))), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
    "tagsWithoutMdm": "[reduce(items(parameters('tags')), createObject(), lambda('cur', 'item', if(equals(lambdaVariables('item').key, 'mdmId'), lambdaVariables('cur'), union(lambdaVariables('cur'), createObject(format('{0}', lambdaVariables('item').key), lambdaVariables('item').value)))))]",
    "oldDogs": "[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]",
    "greetings": "[map(variables('dogs'), lambda('dog', 'i', format('{0}: Hello {1}!', lambdaVariables('i'), lambdaVariables('dog').name)))]",
    "weightedAges": "[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 0, lambda('cur', 'next', 'i', add(lambdaVariables('cur'), mul(lambdaVariables('next'), lambdaVariables('i')))))]",
    "byAge": "[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]",
    "agesByName": "[toObject(variables('dogs'), lambda('dog', lambdaVariables('dog').name), lambda('dog', lambdaVariables('dog').age))]",
    "byInitial": "[groupBy(map(variables('dogs'), lambda('dog', lambdaVariables('dog').name)), lambda('name', toLower(substring(lambdaVariables('name'), 0, 1))))]",
    "upperTags": "[mapValues(parameters('tags'), lambda('value', toUpper(lambdaVariables('value'))))]"
  },
  "resources": []
}`;

const ID_A = '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a';
const ID_B = '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b';

describe('bicep/ARM parity of lambda functions', () => {
  it('a Bicep file and its compiled template give the same variable values', async () => {
    const bicep = await parse(BICEP);
    const arm = parseArmFile('/virtual/main.json', ARM);
    assert.deepEqual(bicep.issues, []);
    assert.deepEqual(arm.issues, []);
    const names = bicep.variables.map((v) => v.name);
    assert.deepEqual(
      names,
      arm.variables.map((v) => v.name),
    );
    for (const name of names) {
      const b = toPlain(variable(bicep, name));
      assert.notEqual(b, undefined, `${name} is fully known in Bicep`);
      assert.deepEqual(b, toPlain(arm.variables.find((v) => v.name === name)!.value), name);
    }
  });

  it('the values are the expected ones, not just equal', async () => {
    const bicep = await parse(BICEP);
    assert.deepEqual(plainValue(variable(bicep, 'formattedUserAssignedIdentities')), { [ID_A]: {}, [ID_B]: {} });
    assert.deepEqual(plainValue(variable(bicep, 'noFormattedIdentities')), {});
    assert.deepEqual(plainValue(variable(bicep, 'tagsWithoutMdm')), { env: 'dev', Owner: 'me' });
    assert.deepEqual(plainValue(variable(bicep, 'greetings')), [
      '0: Hello Evie!',
      '1: Hello Casper!',
      '2: Hello Indy!',
      '3: Hello Kira!',
    ]);
    assert.equal(plainValue(variable(bicep, 'weightedAges')), 0 * 5 + 1 * 3 + 2 * 2 + 3 * 8);
    assert.deepEqual(plainValue(variable(bicep, 'byInitial')), {
      e: ['Evie'],
      c: ['Casper'],
      i: ['Indy'],
      k: ['Kira'],
    });
    assert.deepEqual(plainValue(variable(bicep, 'upperTags')), { env: 'DEV', mdmId: '42', Owner: 'ME' });
  });

  it('a null identity parameter gives an empty object on the ARM side, as `.?` and `??` do in Bicep', async () => {
    const compiled = String(JSON.parse(ARM).variables.formattedUserAssignedIdentities);
    const v = evaluateArmExpression(compiled, { parameters: { managedIdentities: null } });
    assert.deepEqual(toPlain(v), {});
    const bicep = await parse(
      "param managedIdentities object = { other: 1 }\nvar v = reduce(map((managedIdentities.?userAssignedResourceIds ?? []), (id) => { '${id}': {} }), {}, (cur, next) => union(cur, next))\n",
    );
    assert.deepEqual(plainValue(variable(bicep, 'v')), {});
  });

  it('unknown collections are unknown on both sides', async () => {
    const bicep = await parse('param ids array\nvar v = map(ids, id => toLower(id))\n');
    const b = variable(bicep, 'v');
    const a = evaluateArmExpression("[map(parameters('ids'), lambda('id', toLower(lambdaVariables('id'))))]");
    assert.equal(b.kind, 'unknown');
    assert.equal(a.kind, 'unknown');
  });
});
