import * as assert from 'node:assert/strict';
import { apply, MUTATION_KINDS, mutate, Random } from '../../fuzz/mutate';

const TEXT =
  "param location string = 'westeurope'\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n}\n";

describe('fuzz mutations', () => {
  it('are the same for the same seed, so an input is reproduced by its seed and index', () => {
    const a = Array.from({ length: 50 }, (_, i) => mutate(TEXT, new Random(1000 + i)));
    const b = Array.from({ length: 50 }, (_, i) => mutate(TEXT, new Random(1000 + i)));
    assert.deepEqual(a, b);
    assert.ok(new Set(a.map((m) => m.text)).size > 40, 'different seeds give different inputs');
  });

  it('each kind changes the text the way its name says', () => {
    const rng = new Random(7);
    for (const kind of MUTATION_KINDS) {
      const { text, step } = apply(kind, TEXT, rng);
      assert.ok(step.length > 0);
      if (kind === 'truncate') assert.ok(TEXT.startsWith(text));
      else if (kind === 'delete') assert.ok(text.length < TEXT.length);
      else assert.ok(text.length > TEXT.length, `${kind}: ${step}`);
    }
  });
});
