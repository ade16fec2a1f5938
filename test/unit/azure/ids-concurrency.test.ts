import * as assert from 'node:assert/strict';
import { isVersionedKeyUrl, parseKeyVaultItemUrl, parseResourceId, sameLocation } from '../../../src/azure/ids';
import { mapWithConcurrency } from '../../../src/azure/inventory';
import { pollWithBackoff } from '../../../src/azure/operations';

describe('ids', () => {
  it('parses ARM ids case-insensitively and ignores child segments', () => {
    const p = parseResourceId(
      '/subscriptions/S1/resourcegroups/RG/providers/Microsoft.Compute/virtualMachines/vm1/extensions/x',
    );
    assert.deepEqual(p, {
      subscriptionId: 'S1',
      resourceGroup: 'RG',
      provider: 'Microsoft.Compute',
      type: 'virtualMachines',
      name: 'vm1',
    });
    assert.equal(parseResourceId('not-an-id'), undefined);
  });

  it('KEK URLs must carry a version', () => {
    assert.equal(isVersionedKeyUrl('https://kv.vault.azure.net/keys/kek/0123abcd'), true);
    assert.equal(isVersionedKeyUrl('https://kv.vault.azure.net/keys/kek'), false);
    assert.equal(isVersionedKeyUrl('https://kv.vault.azure.net/secrets/s/1'), false);
    assert.equal(parseKeyVaultItemUrl('https://kv1.vault.azure.cn/keys/k/v1')?.vaultName, 'kv1');
  });

  it('locations compare like the CLI (spaces and case ignored)', () => {
    assert.equal(sameLocation('West Europe', 'westeurope'), true);
    assert.equal(sameLocation('eastus', 'eastus2'), false);
  });
});

describe('mapWithConcurrency / pollWithBackoff', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.equal(peak, 2);
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
  });

  it('stops starting work once aborted', async () => {
    const c = new AbortController();
    let started = 0;
    const p = mapWithConcurrency(
      [1, 2, 3, 4],
      1,
      async () => {
        started++;
        c.abort();
      },
      c.signal,
    );
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    assert.equal(started, 1);
  });

  it('backs off 1.5x up to the cap and reports a timeout as unfinished', async () => {
    const waits: number[] = [];
    const r = await pollWithBackoff(
      async () => 0,
      () => false,
      {
        initialDelayMs: 100,
        maxDelayMs: 200,
        timeoutMs: 500,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    assert.equal(r.finished, false);
    assert.deepEqual(waits, [100, 150, 200, 200]);
  });
});
