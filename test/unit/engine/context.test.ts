import * as assert from 'node:assert/strict';
import { createRuleContext } from '../../../src/analysis/engine';
import { LineIndex, type ScalarNode } from '../../../src/analysis/model';
import { armText, stubArmModel } from './stub-model';

describe('createRuleContext', () => {
  const text = armText([
    { type: 'Microsoft.KeyVault/vaults', name: 'kv1', properties: {} },
    { type: 'Microsoft.KeyVault/VAULTS', name: 'KV2', properties: {} },
    { type: 'Microsoft.KeyVault/vaults/keys', name: 'kv1/key1', properties: {} },
    { type: 'Microsoft.KeyVault/vaults/keys', name: 'kv2/key2', properties: {} },
    { type: 'Microsoft.KeyVault/vaults/secrets', name: 'kv1/s1', properties: {} },
  ]);
  const model = stubArmModel('main.json', text);
  const ctx = createRuleContext(model);
  const ref = (type: string, name: string, scope?: string): ScalarNode => ({
    kind: 'scalar',
    value: 'id',
    range: new LineIndex('').range(0, 0),
    resourceRef: { type, name, ...(scope ? { scope } : {}) },
  });

  it('finds resources of a type case-insensitively', () => {
    assert.deepEqual(
      ctx.resourcesOfType('microsoft.keyvault/vaults').map((r) => r.id),
      ['kv1', 'KV2'],
    );
    assert.equal(ctx.resourcesOfType('Microsoft.Compute/disks').length, 0);
  });

  it('resolves a resource id to the declared resource by type and name, ignoring case', () => {
    assert.equal(ctx.resolveRef(ref('microsoft.keyvault/VAULTS', 'kv2'))?.id, 'KV2');
    assert.equal(ctx.resolveRef(ref('Microsoft.KeyVault/vaults/keys', 'KV1/KEY1'))?.id, 'kv1/key1');
    assert.equal(ctx.resolveRef(ref('Microsoft.KeyVault/vaults', 'nope')), undefined);
    assert.equal(ctx.resolveRef(undefined), undefined);
  });

  it('does not resolve an id that points into another scope', () => {
    assert.equal(
      ctx.resolveRef(ref('Microsoft.KeyVault/vaults', 'kv1', '/subscriptions/x/resourceGroups/y')),
      undefined,
    );
  });

  it('prefers a declaration over an existing reference with the same name', () => {
    const m = stubArmModel('m.json', armText([{ type: 'Microsoft.KeyVault/vaults', name: 'kv', properties: {} }]));
    const existing = { ...m.resources[0]!, id: 'kvRef', existing: true };
    const c = createRuleContext({ ...m, resources: [existing, m.resources[0]!] });
    assert.equal(c.resolveRef(ref('Microsoft.KeyVault/vaults', 'kv'))?.id, 'kv');
  });

  it('lists children by parentId and infers top-level ARM children by type and name', () => {
    const kv1 = ctx.resourcesOfType('Microsoft.KeyVault/vaults')[0]!;
    assert.deepEqual(
      ctx.childrenOf(kv1).map((r) => r.id),
      ['kv1/key1', 'kv1/s1'],
    );
    assert.deepEqual(
      ctx.childrenOf(kv1, 'microsoft.keyvault/vaults/KEYS').map((r) => r.id),
      ['kv1/key1'],
    );
    const withParent = { ...model.resources[3]!, parentId: 'kv1' };
    const c = createRuleContext({ ...model, resources: [...model.resources.slice(0, 3), withParent] });
    assert.deepEqual(
      c.childrenOf(kv1).map((r) => r.id),
      ['kv2/key2', 'kv1/key1'],
    );
  });
});
