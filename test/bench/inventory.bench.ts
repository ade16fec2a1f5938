// Inventory benchmark: requests per subscription and time to the full encryption picture for
// 100 subscriptions x 50 VMs behind 30 ms of sandbox latency, with the real SDK clients.
// Run: node scripts/build.mjs --tests && node out/test/bench/inventory.bench.js
import { connectToSandbox, loadInventory, type InventoryOptions, type SubscriptionInfo } from '../../src/azure';
import { createSandbox } from '../../src/sandbox';

const SUBSCRIPTIONS = 100;
const VMS = 50;
const LATENCY_MS = 30;

interface Case {
  readonly label: string;
  readonly options: InventoryOptions;
}

const cases: Case[] = [
  { label: 'picture, models only', options: { includeVaults: false, instanceViews: 'none' } },
  { label: 'picture + running-ADE instance views', options: { includeVaults: false, instanceViews: 'auto' } },
  { label: 'picture + views + vaults (tree)', options: { includeVaults: true, instanceViews: 'auto' } },
];

type Sandbox = ReturnType<typeof createSandbox>;

async function measure(sb: Sandbox, c: Case, concurrency: number) {
  const subs: SubscriptionInfo[] = sb.subscriptions.map((s) => ({ ...s }));
  // A fresh factory per run: no warm token or client caches carried over.
  const factory = connectToSandbox(sb);
  const logStart = sb.requestLog.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await loadInventory(factory, subs, { ...c.options, concurrency });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // Sandbox and SDK share this one thread: CPU time close to wall time means the run is CPU-bound.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const log = sb.requestLog.slice(logStart);
  let vms = 0;
  let failed = 0;
  for (const r of results.values()) {
    if (r.ok) vms += r.value.vms.length;
    else failed++;
  }
  const perSub = subs.map((s) => {
    const prefix = `/subscriptions/${s.subscriptionId.toLowerCase()}/`;
    return log.filter((r) => r.path.toLowerCase().startsWith(prefix)).length;
  });
  const mean = perSub.reduce((a, b) => a + b, 0) / perSub.length;
  return { ms, cpuMs, vms, failed, mean, max: Math.max(...perSub), min: Math.min(...perSub) };
}

async function main(): Promise<void> {
  console.log(`inventory: ${SUBSCRIPTIONS} subscriptions x ${VMS} VMs, ${LATENCY_MS} ms latency per request`);
  const rows: string[][] = [
    ['case', 'page size', 'parallel subs', 'req/sub mean', 'min', 'max', 'VMs', 'errors', 'time (ms)', 'CPU (ms)'],
  ];
  for (const pageSize of [20, 1000]) {
    const sb = createSandbox({
      clock: 'manual',
      latencyMs: LATENCY_MS,
      generate: { subscriptions: SUBSCRIPTIONS, vmsPerSubscription: VMS },
      pageSize,
    });
    // Warm-up: module loading and JIT are not part of the picture's cost.
    const first = sb.subscriptions[0];
    if (first) await loadInventory(connectToSandbox(sb), [{ ...first }]);
    for (const c of cases) {
      for (const concurrency of [4, 16]) {
        const r = await measure(sb, c, concurrency);
        rows.push([
          c.label,
          String(pageSize),
          String(concurrency),
          r.mean.toFixed(2),
          String(r.min),
          String(r.max),
          String(r.vms),
          String(r.failed),
          r.ms.toFixed(0),
          r.cpuMs.toFixed(0),
        ]);
      }
    }
    await sb.close();
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  console.log('goals: <= 3 requests per subscription, <= 2000 ms to the full picture');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
