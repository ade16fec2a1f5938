import assert from 'node:assert/strict';
import { clientsFor, collect, errorCode, setup } from './helpers';
import { createSandbox } from '../../../src/sandbox';

const RG = 'rg-ade-prod';

describe('sandbox: faults, latency and long-running operations', () => {
  it('429 with Retry-After is retried by the SDK', async () => {
    const c = setup({
      faults: [
        {
          match: { method: 'GET', pathIncludes: '/virtualMachines/vm-plain' },
          kind: 'throttle',
          times: 1,
          retryAfterSeconds: 0,
        },
      ],
    });
    const vm = await c.compute.virtualMachines.get(RG, 'vm-plain');
    assert.equal(vm.name, 'vm-plain');
    const statuses = c.sb.requestLog.filter((r) => r.path.endsWith('/vm-plain')).map((r) => r.status);
    assert.deepEqual(statuses, [429, 200]);
  });

  it('500 is surfaced once retries are exhausted', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const c = clientsFor(sb, 0, { maxRetries: 0 });
    sb.addFault({ match: { pathIncludes: 'Microsoft.KeyVault/vaults/kv-ade-ready' }, kind: 'serverError' });
    await assert.rejects(
      c.kv.vaults.get(RG, 'kv-ade-ready'),
      (e) => (e as { statusCode?: number }).statusCode === 500 && errorCode(e) === 'InternalServerError',
    );
    sb.clearFaults();
    assert.equal((await c.kv.vaults.get(RG, 'kv-ade-ready')).name, 'kv-ade-ready');
  });

  it('a dropped connection is a retryable ECONNRESET', async () => {
    const sb = createSandbox({ clock: 'manual' });
    sb.addFault({ match: { pathIncludes: '/disks' }, kind: 'drop', times: 1 });
    const noRetry = clientsFor(sb, 0, { maxRetries: 0 });
    await assert.rejects(collect(noRetry.compute.disks.list()), (e) => errorCode(e) === 'ECONNRESET');
    sb.addFault({ match: { pathIncludes: '/disks' }, kind: 'drop', times: 1 });
    const retrying = clientsFor(sb);
    const disks = await collect(retrying.compute.disks.list());
    assert.ok(disks.length > 0);
  });

  it('latency faults delay the answer and respect the abort signal', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const c = clientsFor(sb, 0, { maxRetries: 0 });
    sb.addFault({ match: { method: 'GET' }, kind: 'latency', latencyMs: 5000 });
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(
      c.compute.virtualMachines.get(RG, 'vm-plain', { abortSignal: ac.signal }),
      (e) => (e as Error).name === 'AbortError',
    );
    assert.ok(Date.now() - t0 < 2000);
    sb.clearFaults();
    sb.addFault({ match: { method: 'GET' }, kind: 'latency', latencyMs: 40, times: 1 });
    const t1 = Date.now();
    await c.compute.virtualMachines.get(RG, 'vm-plain');
    assert.ok(Date.now() - t1 >= 35);
  });

  it('LRO: 201 + Azure-AsyncOperation, InProgress polls, then the final GET', async () => {
    const sb = createSandbox({ clock: 'manual', lroPolls: 2 });
    const c = clientsFor(sb);
    const res = await c.compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(
      RG,
      'vm-plain',
      'CustomScript',
      {
        location: 'eastus',
        publisher: 'Microsoft.Azure.Extensions',
        typePropertiesType: 'CustomScript',
        typeHandlerVersion: '2.1',
        settings: {},
      },
      { updateIntervalInMs: 1 },
    );
    assert.equal(res.provisioningState, 'Succeeded');
    const log = sb.requestLog.map((r) => `${r.method} ${r.status} ${r.path.split('/').slice(-2).join('/')}`);
    const put = log.findIndex((l) => l.startsWith('PUT 201'));
    assert.ok(put >= 0, log.join('\n'));
    const polls = log.slice(put + 1).filter((l) => l.includes('operations/'));
    assert.equal(polls.length, 3);
    assert.ok(log[log.length - 1]?.startsWith('GET 200 extensions/CustomScript'));
  });

  it('global latency option applies to every request', async () => {
    const sb = createSandbox({ clock: 'manual', latencyMs: 25 });
    const c = clientsFor(sb);
    const t0 = Date.now();
    await c.kv.vaults.get(RG, 'kv-ade-ready');
    assert.ok(Date.now() - t0 >= 20);
  });
});
