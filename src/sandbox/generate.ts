// Deterministic large estates (N subscriptions x M VMs) for performance work in the tree view and the analysis
// layer. Same seed -> same estate.
import type { ScenarioData, ScenarioResourceGroup, ScenarioVm } from './scenarios/model';
import { stableGuid } from './ids';

/** mulberry32: tiny seeded PRNG; Math.random cannot be seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['eastus', 'westeurope', 'westus2', 'northeurope', 'southeastasia'];
const VMS_PER_GROUP = 25;

export function generateScenario(subscriptions: number, vmsPerSubscription: number, seed = 1): ScenarioData {
  const rnd = prng(seed);
  const tenantId = stableGuid(`gen-tenant:${seed}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const subs: ScenarioData['subscriptions'] = [];
  for (let s = 0; s < subscriptions; s++) {
    const location = REGIONS[s % REGIONS.length] ?? 'eastus';
    const groups: ScenarioResourceGroup[] = [];
    const groupCount = Math.max(1, Math.ceil(vmsPerSubscription / VMS_PER_GROUP));
    for (let g = 0; g < groupCount; g++) {
      const suffix = `${String(s).padStart(3, '0')}${String(g).padStart(2, '0')}`;
      const ready = `kv-gen-${suffix}`;
      const noflag = `kv-genx-${suffix}`;
      const vms: ScenarioVm[] = [];
      const count = Math.min(VMS_PER_GROUP, vmsPerSubscription - g * VMS_PER_GROUP);
      for (let v = 0; v < count; v++) {
        const os = rnd() < 0.5 ? 'Windows' : 'Linux';
        const vm: ScenarioVm = {
          name: `vm-${suffix}-${String(v).padStart(3, '0')}`,
          os,
          dataDisks: Math.floor(rnd() * 3),
        };
        const r = rnd();
        if (r < 0.4)
          vm.ade = {
            vault: ready,
            volumeType: os === 'Windows' ? 'All' : 'Data',
            state: 'encrypted',
            ...(rnd() < 0.5 ? { kek: 'kek' } : {}),
          };
        else if (r < 0.5) vm.ade = { vault: noflag, volumeType: 'All', state: 'failed' };
        else if (r < 0.7) vm.encryptionAtHost = true;
        else if (r < 0.75)
          vm.ade = { vault: ready, volumeType: os === 'Windows' ? 'All' : 'Data', state: 'inProgress' };
        if (vm.ade && os === 'Linux' && vm.ade.volumeType === 'Data' && (vm.dataDisks ?? 0) === 0) vm.dataDisks = 1;
        vm.size = pick(['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_E4s_v5', 'Standard_B2ms']);
        vms.push(vm);
      }
      groups.push({
        name: `rg-gen-${suffix}`,
        location,
        vaults: [
          {
            name: ready,
            enabledForDiskEncryption: true,
            enablePurgeProtection: rnd() < 0.7,
            keys: [{ name: 'kek', kty: 'RSA', keySize: 3072 }],
          },
          { name: noflag, enabledForDiskEncryption: false },
        ],
        vms,
      });
    }
    subs.push({
      subscriptionId: stableGuid(`gen-sub:${seed}:${s}`),
      displayName: `Generated ${String(s + 1).padStart(3, '0')} (sandbox)`,
      tenantId,
      resourceGroups: groups,
    });
  }
  return { name: `generated-${subscriptions}x${vmsPerSubscription}`, subscriptions: subs };
}
