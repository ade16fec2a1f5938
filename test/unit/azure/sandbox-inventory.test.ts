import * as assert from 'node:assert/strict';
import {
  AzureClientFactory,
  NotSignedInError,
  connectToSandbox,
  createSessionCredential,
  customCloud,
  listSubscriptionsAcrossTenants,
  showScaleSetEncryption,
  showVmEncryption,
  getVaultDetails,
  getVmEncryption,
  listSubscriptions,
  listTenants,
  listVaults,
  loadInventory,
  verifyStampedVms,
  type SubscriptionInfo,
  type SubscriptionInventory,
} from '../../../src/azure';
import { createSandbox, type Sandbox } from '../../../src/sandbox';

function subs(sb: Sandbox): SubscriptionInfo[] {
  return sb.subscriptions.map((s) => ({
    subscriptionId: s.subscriptionId,
    displayName: s.displayName,
    tenantId: s.tenantId,
  }));
}

function requestsFor(sb: Sandbox, subscriptionId: string): number {
  return sb.requestLog.filter((r) => r.path.toLowerCase().startsWith(`/subscriptions/${subscriptionId.toLowerCase()}/`))
    .length;
}

describe('inventory against the sandbox (real SDK clients)', function () {
  this.timeout(30_000);

  it('default scenario: every VM, scale set and vault gets the expected state', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const factory = connectToSandbox(sb);
    const results = await loadInventory(factory, subs(sb));
    const byName = new Map<string, string>();
    const invs: SubscriptionInventory[] = [];
    for (const r of results.values()) {
      assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
      invs.push(r.value);
      for (const v of r.value.vms) byName.set(v.name, v.state.summary);
      for (const s of r.value.scaleSets) byName.set(s.name, s.state.summary);
    }
    // The first picture: stamped is not encrypted, so ADE VMs without an instance view say "stamped".
    assert.deepEqual(Object.fromEntries(byName), {
      'vm-win-ade-kek': 'stamped',
      'vm-linux-data': 'stamped',
      'vm-win-os-only': 'stamped',
      'vm-eah': 'encryptionAtHost',
      'vm-plain': 'none',
      'vm-ade-failed': 'failed',
      'vm-legacy-aad': 'legacyAad',
      'vm-sse-cmk': 'sseCustomerKey',
      'vm-ade-inprogress': 'inProgress',
      'vmss-linux-ade': 'osNotEncrypted',
      'vm-dr-web': 'stamped',
    });
    // Verification reads one instance view per stamped VM, a few at a time, and settles each state.
    const viewsBefore = sb.requestLog.filter((r) => r.path.endsWith('/instanceView')).length;
    const verified = new Map<string, string>();
    for (const inv of invs) {
      for (const v of await verifyStampedVms(factory, inv.subscription, inv.vms, { concurrency: 2 })) {
        verified.set(v.name, v.state.summary);
      }
    }
    assert.deepEqual(Object.fromEntries([...verified].sort()), {
      'vm-dr-web': 'encrypted',
      'vm-linux-data': 'osNotEncrypted',
      'vm-win-ade-kek': 'encrypted',
      'vm-win-os-only': 'dataNotEncrypted',
    });
    assert.equal(sb.requestLog.filter((r) => r.path.endsWith('/instanceView')).length - viewsBefore, 4);
    const all = invs.flatMap((i) => i.vms);
    // Failed is final: the listing settles it; the extension's message comes with the full status on demand.
    const failedVm = all.find((v) => v.name === 'vm-ade-failed');
    assert.equal(failedVm?.state.basis, 'model');
    const full = await getVmEncryption(factory, failedVm?.id ?? '');
    assert.ok(full.state.summary === 'failed' && /not enabled for disk encryption/i.test(full.state.error));
    const kek = all.find((v) => v.name === 'vm-win-ade-kek')?.state;
    assert.ok(kek?.keys.keyEncryptionKeyUrls[0]?.includes('/keys/kek-rsa/'));
    assert.ok(kek?.keys.vaultIds[0]?.endsWith('/vaults/kv-ade-ready'));
    // The first picture read an instance view only for the still-running extension; verification added 4.
    assert.equal(all.find((v) => v.name === 'vm-ade-inprogress')?.state.basis, 'instanceView');
    assert.equal(viewsBefore, 1);
    assert.equal(sb.requestLog.filter((r) => r.path.endsWith('/instanceView')).length, 1 + 4);
    assert.equal(all.find((v) => v.name === 'vm-ade-inprogress')?.instanceView?.disks?.length, 2);
    const vaults = new Map(invs.flatMap((i) => i.vaults ?? []).map((v) => [v.name, v.readiness]));
    assert.equal(vaults.get('kv-ade-ready')?.ready, true);
    assert.equal(vaults.get('kv-ade-noflag')?.ready, false);
    assert.equal(vaults.get('kv-ade-firewall')?.ready, false);
    assert.equal(vaults.get('kv-ade-rbac')?.permissionModel, 'rbac');
    assert.ok(vaults.get('kv-ade-nopurge')?.reasons.some((r) => r.id === 'purgeProtectionDisabled'));
    const first = subs(sb)[0] as SubscriptionInfo;
    const lazy = await listVaults(factory, first);
    const eager = invs.find((i) => i.subscription.subscriptionId === first.subscriptionId)?.vaults ?? [];
    assert.deepEqual(lazy.map((v) => v.name).sort(), eager.map((v) => v.name).sort());
  });

  it('requests per subscription do not grow with the number of VMs', async () => {
    const count = async (vms: number) => {
      const sb = createSandbox({
        clock: 'manual',
        generate: { subscriptions: 2, vmsPerSubscription: vms },
        pageSize: 1000,
      });
      const factory = connectToSandbox(sb);
      const results = await loadInventory(factory, subs(sb), { instanceViews: 'none' });
      for (const r of results.values()) assert.ok(r.ok);
      const sub = sb.subscriptions[0]?.subscriptionId ?? '';
      const inv = results.get(sub);
      assert.ok(inv?.ok);
      assert.equal(inv.value.requestCount, requestsFor(sb, sub));
      return requestsFor(sb, sub);
    };
    const small = await count(5);
    const large = await count(60);
    assert.equal(small, 4, 'VMs + disks + scale sets + vaults');
    assert.equal(large, small);
  });

  it("instanceViews 'all' gives every VM the az vm encryption show level of detail", async () => {
    const sb = createSandbox({ clock: 'manual' });
    const results = await loadInventory(connectToSandbox(sb), subs(sb), { instanceViews: 'all' });
    const vms = [...results.values()].flatMap((r) => (r.ok ? r.value.vms : []));
    assert.equal(vms.length, 10);
    assert.ok(vms.every((v) => v.state.basis === 'instanceView' && v.instanceView));
    const states = Object.fromEntries(vms.map((v) => [v.name, v.state.summary]));
    assert.equal(states['vm-win-ade-kek'], 'encrypted');
    assert.equal(states['vm-linux-data'], 'osNotEncrypted');
    const failed = vms.find((v) => v.name === 'vm-ade-failed')?.state;
    assert.ok(failed?.summary === 'failed' && /not enabled for disk encryption/i.test(failed.error));
  });

  it('one failing subscription is reported in plain words and hides nothing else', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const [bad, good] = subs(sb);
    assert.ok(bad && good);
    sb.addFault({ match: { pathIncludes: bad.subscriptionId }, kind: 'serverError' });
    const factory = connectToSandbox(sb, { retry: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 2 } });
    const seen: string[] = [];
    const results = await loadInventory(factory, [bad, good], {
      onProgress: (p) => seen.push(`${p.done}/${p.total}:${p.outcome}`),
    });
    const b = results.get(bad.subscriptionId);
    const g = results.get(good.subscriptionId);
    assert.ok(b && !b.ok);
    assert.equal(b.error.kind, 'server');
    assert.ok(b.error.message.length > 0);
    assert.ok(g?.ok);
    assert.equal(g.value.vms.length, 1);
    assert.equal(seen.length, 2);
  });

  it('throttling (429 + Retry-After) is retried by the SDK pipeline', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const [first] = subs(sb);
    assert.ok(first);
    sb.addFault({ match: { pathIncludes: '/virtualMachines' }, kind: 'throttle', times: 1, retryAfterSeconds: 0 });
    const results = await loadInventory(connectToSandbox(sb), [first]);
    assert.ok(results.get(first.subscriptionId)?.ok);
    assert.ok(sb.requestLog.some((r) => r.status === 429));
  });

  it('cancellation rejects with AbortError and stops new work', async () => {
    const sb = createSandbox({
      clock: 'manual',
      latencyMs: 40,
      generate: { subscriptions: 12, vmsPerSubscription: 3 },
    });
    const controller = new AbortController();
    const p = loadInventory(connectToSandbox(sb), subs(sb), { signal: controller.signal, concurrency: 2 });
    setTimeout(() => controller.abort(), 60);
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    const sent = sb.requestLog.length;
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(sent < 12 * 4, `only part of the work was sent (${sent})`);
  });

  it('lists tenants and subscriptions', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const factory = connectToSandbox(sb);
    const tenants = await listTenants(factory);
    assert.ok(tenants.length >= 1);
    const list = await listSubscriptions(factory, tenants[0]?.tenantId);
    assert.deepEqual(list.map((s) => s.subscriptionId).sort(), sb.subscriptions.map((s) => s.subscriptionId).sort());
  });

  it('vault details: access policies, keys (kty/size), ADE-tagged secrets without values', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const factory = connectToSandbox(sb);
    const sub = sb.subscriptions[0]?.subscriptionId ?? '';
    const id = `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers/Microsoft.KeyVault/vaults/kv-ade-ready`;
    const d = await getVaultDetails(factory, id);
    assert.equal(d.permissionModel, 'accessPolicies');
    assert.ok(d.accessPolicies.length >= 1);
    assert.ok(d.keys.ok);
    const kek = d.keys.value.find((k) => k.name === 'kek-rsa');
    assert.equal(kek?.kty, 'RSA');
    assert.equal(kek?.usableAsKek, true);
    assert.ok(d.secrets.ok);
    assert.ok(
      d.secrets.value.some((s) => s.isAdeBek),
      'BEK secrets written by ADE carry its tags',
    );
    assert.ok(d.secrets.value.every((s) => !('value' in s)));
  });

  it('az vm/vmss encryption show equivalents return the CLI shapes', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const factory = connectToSandbox(sb);
    const sub = sb.subscriptions[0]?.subscriptionId ?? '';
    const base = `/subscriptions/${sub}/resourceGroups/rg-ade-prod/providers/Microsoft.Compute`;
    const show = await showVmEncryption(factory, `${base}/virtualMachines/vm-win-ade-kek`);
    assert.ok(show && 'disks' in show && 'status' in show);
    assert.equal(show.disks.length, 2);
    assert.ok(show.disks.every((d) => d.statuses.every((st) => (st.code ?? '').startsWith('EncryptionState'))));
    assert.equal(show.disks[0]?.statuses[0]?.code, 'EncryptionState/encrypted');
    assert.equal(await showVmEncryption(factory, `${base}/virtualMachines/vm-plain`), undefined);
    const legacy = await showVmEncryption(factory, `${base}/virtualMachines/vm-legacy-aad`);
    assert.ok(legacy && 'osDisk' in legacy);
    assert.equal(legacy.osType, 'Windows');
    const vmss = await showScaleSetEncryption(factory, `${base}/virtualMachineScaleSets/vmss-linux-ade`);
    assert.equal(vmss.length, 2);
    assert.ok(vmss[0]?.id?.includes('/virtualMachines/'));
  });

  it('a tenant that fails to list is reported, the others still list', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const failing = {
      getToken: async () => {
        throw new NotSignedInError('bad-tenant');
      },
    };
    const factory = new AzureClientFactory({
      cloud: customCloud(sb.endpoint),
      endpoint: sb.endpoint,
      httpClient: sb.httpClient,
      credential: (tenantId) => (tenantId === 'bad-tenant' ? failing : sb.credential),
    });
    const home = sb.subscriptions[0]?.tenantId ?? '';
    const out = await listSubscriptionsAcrossTenants(factory, [{ tenantId: 'bad-tenant' }, { tenantId: home }]);
    assert.equal(out[0]?.subscriptions.ok, false);
    assert.ok(!out[0]?.subscriptions.ok && out[0]?.subscriptions.error.kind === 'unauthenticated');
    assert.ok(out[1]?.subscriptions.ok && out[1].subscriptions.value.length === sb.subscriptions.length);
  });

  it('session-provider credentials (what the editor supplies) drive the same inventory', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const asked: (string | undefined)[] = [];
    const factory = new AzureClientFactory({
      cloud: customCloud(sb.endpoint),
      endpoint: sb.endpoint,
      httpClient: sb.httpClient,
      credential: (tenantId) =>
        createSessionCredential(async (scopes, tenant) => {
          asked.push(tenant);
          const t = await sb.credential.getToken(scopes);
          return t ? { accessToken: t.token, expiresOn: t.expiresOnTimestamp } : undefined;
        }, tenantId),
    });
    const results = await loadInventory(factory, subs(sb));
    assert.ok([...results.values()].every((r) => r.ok));
    assert.ok(asked.includes(sb.subscriptions[0]?.tenantId));
  });
});
