import * as assert from 'node:assert/strict';
import { parse } from './helpers';

// Found by `npm run fuzz`: a resource named as its own parent (or two naming each other) sent
// every walk up the parent chain round until the stack overflowed.
describe('Bicep parent cycles', () => {
  for (const [name, text] of [
    [
      'a resource that is its own parent',
      "resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {\n  parent: vm\n  name: 'vm1'\n}\n",
    ],
    [
      'two resources naming each other',
      "resource a 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  parent: b\n  name: 'a'\n}\n" +
        "resource b 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {\n  parent: a\n  name: 'b'\n}\n",
    ],
  ] as const) {
    it(`${name}: the resources are read, without an internal error`, async () => {
      const model = await parse(text);
      assert.deepEqual(
        model.issues.filter((i) => i.code === 'internal-error'),
        [],
      );
      assert.ok(model.resources.length >= 1);
      for (const r of model.resources) assert.ok(r.id !== undefined);
    });
  }
});
