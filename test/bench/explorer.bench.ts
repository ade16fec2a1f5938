// Encryption Explorer: time and requests to render a 100 × 50 estate through the vscode-free view
// model (the same code the tree provider calls), against the sandbox generator with 30 ms latency.
// Prints results; asserts nothing about timings.
import * as azure from '../../src/azure';
import { createSandbox } from '../../src/sandbox';
import { asAzureApi } from '../../src/vscode/explorer/azureApi';
import { AzureLayerBackend } from '../../src/vscode/explorer/azureBackend';
import { childrenOf, type ChildOptions } from '../../src/vscode/explorer/model/children';
import { ExplorerStore } from '../../src/vscode/explorer/model/store';
import type { NodeDescriptor } from '../../src/vscode/explorer/model/types';

const SUBSCRIPTIONS = 100;
const VMS_PER_SUBSCRIPTION = 50;
const LATENCY_MS = 30;
const EXPAND_CONCURRENCY = 4;
const options: ChildOptions = { groupByResourceGroup: false };

function ms(t0: number): string {
  return `${(performance.now() - t0).toFixed(0)} ms`;
}

async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  const api = asAzureApi(azure);
  let t0 = performance.now();
  const sandbox = createSandbox({
    generate: { subscriptions: SUBSCRIPTIONS, vmsPerSubscription: VMS_PER_SUBSCRIPTION },
    latencyMs: LATENCY_MS,
  });
  console.log(`sandbox: ${SUBSCRIPTIONS} subscriptions × ${VMS_PER_SUBSCRIPTION} VMs generated in ${ms(t0)}`);
  const backend = new AzureLayerBackend(api, {
    kind: 'sandbox',
    title: 'Sandbox: bench',
    cloud: api.customCloud(sandbox.endpoint),
    credential: sandbox.credential,
    endpoint: sandbox.endpoint,
    httpClient: sandbox.httpClient,
    subscriptions: sandbox.subscriptions.map((s) => ({ ...s })),
    requestCount: () => sandbox.requestLog.length,
  });
  const store = new ExplorerStore(backend, api.describeAzureError);
  const requests = () => sandbox.requestLog.length;

  // 1. First level: root and subscriptions, before any deep state.
  t0 = performance.now();
  const [root] = await childrenOf(store, undefined, options);
  const subs = await childrenOf(store, root, { ...options, shown: () => Number.MAX_SAFE_INTEGER });
  console.log(`first level: ${subs.length} subscription nodes in ${ms(t0)}, ${requests()} requests`);

  // 2. One subscription opened down to VM badges (what a user sees after one click + one expand).
  t0 = performance.now();
  let r0 = requests();
  const groups = await childrenOf(store, subs[0], options);
  const vmGroup = groups.find((g) => g.ref.group === 'vms');
  const firstVms = await childrenOf(store, vmGroup, options);
  console.log(
    `one subscription to VM badges: ${firstVms.length} nodes (first page) in ${ms(t0)}, ${requests() - r0} requests`,
  );

  // 3. The whole estate: every subscription expanded to its VM, scale-set and vault badges.
  t0 = performance.now();
  r0 = requests();
  let vmNodes = 0;
  let vaultNodes = 0;
  await pool(subs.slice(1), EXPAND_CONCURRENCY, async (sub) => {
    const gs = await childrenOf(store, sub, options);
    for (const g of gs) {
      const all: NodeDescriptor[] = await childrenOf(store, g, { ...options, shown: () => Number.MAX_SAFE_INTEGER });
      vmNodes += all.filter((n) => n.kind === 'vm').length;
      vaultNodes += all.filter((n) => n.kind === 'vault').length;
    }
  });
  vmNodes += firstVms.filter((n) => n.kind === 'vm').length;
  const estateRequests = requests() - r0;
  const instanceViews = sandbox.requestLog.filter((r) => /instanceView/i.test(r.path)).length;
  console.log(
    `whole estate (${EXPAND_CONCURRENCY} subscriptions at a time): ${vmNodes} VM + ${vaultNodes} vault nodes in ${ms(t0)}, ${estateRequests} requests` +
      ` (${(requests() / (SUBSCRIPTIONS * VMS_PER_SUBSCRIPTION)).toFixed(2)} per VM overall; ${instanceViews} instance views for VMs still in progress)`,
  );

  // 4. Node building alone, from cached inventories (no network): what a re-render costs.
  t0 = performance.now();
  let built = 0;
  for (const sub of subs) {
    for (const g of await childrenOf(store, sub, options)) {
      built += (await childrenOf(store, g, { ...options, shown: () => Number.MAX_SAFE_INTEGER })).length;
    }
  }
  console.log(
    `re-render from cache: ${built} resource nodes built in ${ms(t0)}, ${requests() - r0 - estateRequests} requests`,
  );

  // 5. Refresh of one VM node: that VM and its disks only.
  const vm = firstVms.find((n) => n.kind === 'vm');
  if (vm?.ref.armId && vm.ref.subscriptionId) {
    t0 = performance.now();
    r0 = requests();
    await store.refreshVm(
      { subscriptionId: vm.ref.subscriptionId, tenantId: vm.ref.tenantId ?? '', displayName: '' },
      vm.ref.armId,
    );
    console.log(`refresh one VM (${vm.label}): ${ms(t0)}, ${requests() - r0} requests`);
  }
  await sandbox.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
