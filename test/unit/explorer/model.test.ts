import * as assert from 'node:assert/strict';
import type { EncryptionSummary } from '../../../src/azure/state/types';
import { VM_BADGES, vaultBadge } from '../../../src/vscode/explorer/model/badges';
import { childrenOf } from '../../../src/vscode/explorer/model/children';
import { pageChildren } from '../../../src/vscode/explorer/model/paging';
import type { NodeDescriptor } from '../../../src/vscode/explorer/model/types';
import { expandAll, sandboxStore } from './sandboxStore';

const THEME_COLOURS = new Set([
  'charts.green',
  'charts.yellow',
  'charts.blue',
  'charts.orange',
  'charts.purple',
  'charts.red',
  'errorForeground',
  'disabledForeground',
  'list.warningForeground',
]);

const SUMMARIES: EncryptionSummary[] = [
  'encrypted',
  'osNotEncrypted',
  'dataNotEncrypted',
  'none',
  'inProgress',
  'failed',
  'encryptionAtHost',
  'sseCustomerKey',
  'legacyAad',
  'unknown',
];

function byKind(nodes: NodeDescriptor[], kind: NodeDescriptor['kind']): NodeDescriptor[] {
  return nodes.filter((n) => n.kind === kind);
}

describe('explorer view model: badges', () => {
  it('has a distinct short text, an icon, a theme colour and advice for every encryption state', () => {
    const shorts = new Set<string>();
    for (const s of SUMMARIES) {
      const b = VM_BADGES[s];
      assert.ok(b.short.length > 0 && b.short.length <= 24, `${s}: short text "${b.short}"`);
      assert.ok(b.icon.id, `${s}: icon`);
      assert.ok(b.icon.color && THEME_COLOURS.has(b.icon.color), `${s}: colour ${b.icon.color}`);
      assert.ok(b.meaning.length > 10 && b.next.length > 10, `${s}: tooltip text`);
      shorts.add(b.short);
    }
    assert.equal(shorts.size, SUMMARIES.length);
  });

  it('says why a vault is not ready', () => {
    const b = vaultBadge('kv', {
      ready: false,
      permissionModel: 'accessPolicies',
      reasons: [
        { id: 'diskEncryptionDisabled', severity: 'error', message: 'The vault is not enabled for disk encryption.' },
      ],
    });
    assert.equal(b.short, 'Not ready: disk encryption off');
    assert.equal(b.icon.color, 'errorForeground');
    assert.match(b.tooltip, /not enabled for disk encryption/);
    assert.match(b.tooltip, /\*\*Next:\*\*/);
  });
});

describe('explorer view model: paging', () => {
  const kids = Array.from({ length: 120 }, (_, i): NodeDescriptor => ({
    id: `n${i}`,
    kind: 'info',
    label: `n${i}`,
    contextValue: 'x',
    collapsible: 'none',
    ref: {},
  }));

  it('shows one page and a Load more node', () => {
    const page = pageChildren('p', kids, 0, 50);
    assert.equal(page.length, 51);
    const more = page.at(-1);
    assert.equal(more?.kind, 'loadMore');
    assert.equal(more?.contextValue, 'ade.loadMore');
    assert.equal(more?.command?.command, 'ade.loadMore');
    assert.deepEqual(more?.command?.args, ['p']);
    assert.equal(more?.id, 'p#loadmore');
  });

  it('grows by a page and ends without Load more', () => {
    assert.equal(pageChildren('p', kids, 100, 50).length, 101);
    assert.equal(pageChildren('p', kids, 150, 50).length, 120);
  });
});

describe('explorer view model on the default sandbox', () => {
  it('shows the sandbox root, then subscriptions, then vaults / VMs / scale sets', async () => {
    const { store } = sandboxStore();
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: false });
    assert.ok(root);
    assert.equal(root.kind, 'root');
    assert.match(root.label, /Sandbox/);
    const subs = await childrenOf(store, root, { groupByResourceGroup: false });
    assert.ok(subs.length >= 1);
    for (const s of subs) {
      assert.equal(s.contextValue, 'ade.subscription');
      assert.equal(s.id, `/subscriptions/${s.ref.subscriptionId}`.toLowerCase());
    }
    const groups = await childrenOf(store, subs[0], { groupByResourceGroup: false });
    assert.deepEqual(
      groups.filter((g) => g.kind === 'group').map((g) => g.label),
      ['Key Vaults', 'Virtual Machines', 'VM Scale Sets'],
    );
  });

  it('gives every node a unique id: lower-cased ARM ids, synthetic nodes with a # suffix', async () => {
    const { store } = sandboxStore();
    const all = await expandAll(store);
    const ids = all.map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const n of all) {
      if (n.kind === 'vm' || n.kind === 'vault' || n.kind === 'scaleSet') {
        assert.equal(n.id, n.ref.armId?.toLowerCase());
        assert.ok(!n.id.includes('#'));
      }
      if (n.kind === 'group') assert.match(n.id, /^\/subscriptions\/[^/#]+#(vaults|vms|scalesets)$/);
    }
  });

  it('badges VMs and vaults with contextValue, icon colour and tooltip, and flags ADE retirement', async () => {
    const { store, sandbox } = sandboxStore();
    const first = await expandAll(store, { groupByResourceGroup: false }, 3);
    // The first picture comes from the listings: stamped VMs say so, none says "encrypted" yet.
    const firstTags = new Set(byKind(first, 'vm').map((v) => v.contextValue));
    assert.ok(firstTags.has('ade.vm.stamped'), [...firstTags].join(', '));
    assert.ok(!firstTags.has('ade.vm.encrypted'), [...firstTags].join(', '));
    // The background pass reads one instance view per stamped VM (plus the one the first picture read for
    // the VM whose extension is still running), then the tree shows verified states.
    for (const s of sandbox.subscriptions) {
      await store.verifyStamped({ subscriptionId: s.subscriptionId, tenantId: s.tenantId, displayName: '' });
    }
    const stampedFirst = byKind(first, 'vm').filter((v) => v.contextValue === 'ade.vm.stamped').length;
    const running = byKind(first, 'vm').filter((v) => v.contextValue === 'ade.vm.inProgress').length;
    const views = sandbox.requestLog.filter((r) => r.path.endsWith('/instanceView')).length;
    assert.equal(views, stampedFirst + running);
    const all = await expandAll(store, { groupByResourceGroup: false }, 3);
    const vms = byKind(all, 'vm');
    const tags = new Set(vms.map((v) => v.contextValue));
    for (const t of [
      'encrypted',
      'osNotEncrypted',
      'none',
      'inProgress',
      'failed',
      'encryptionAtHost',
      'sseCustomerKey',
      'legacyAad',
    ]) {
      assert.ok(tags.has(`ade.vm.${t}`), `no VM with ade.vm.${t} (have ${[...tags].join(', ')})`);
    }
    for (const vm of vms) {
      assert.ok(vm.icon?.color && THEME_COLOURS.has(vm.icon.color));
      assert.match(vm.tooltip ?? '', /\*\*Next:\*\*/);
      const ade = /ade\.vm\.(encrypted|stamped|osNotEncrypted|dataNotEncrypted|inProgress|failed|legacyAad)$/.test(
        vm.contextValue,
      );
      assert.equal(/retires 2028/.test(vm.description ?? ''), ade, `${vm.label}: ${vm.description}`);
      if (ade) assert.match(vm.tooltip ?? '', /2028-09-15/);
    }
    const vaults = byKind(all, 'vault');
    assert.ok(vaults.some((v) => v.contextValue === 'ade.vault.ready'));
    const notReady = vaults.filter((v) => v.contextValue === 'ade.vault.notReady');
    assert.ok(notReady.length > 0);
    for (const v of notReady) assert.match(v.description ?? '', /^Not ready: /);
  });

  it('opening a stamped VM reads its instance view once and shows the verified state', async () => {
    const { store, sandbox } = sandboxStore();
    store.backgroundVerify = false;
    const first = await expandAll(store, { groupByResourceGroup: false }, 3);
    const vm = byKind(first, 'vm').find((v) => v.label === 'vm-win-ade-kek');
    assert.equal(vm?.contextValue, 'ade.vm.stamped');
    const views = () => sandbox.requestLog.filter((r) => r.path.endsWith('/instanceView')).map((r) => r.path);
    const before = views().length;
    await childrenOf(store, vm, { groupByResourceGroup: false });
    const read = views().slice(before);
    assert.equal(read.length, 1);
    assert.match(read[0] ?? '', /vm-win-ade-kek\/instanceView$/);
    const again = await expandAll(store, { groupByResourceGroup: false }, 3);
    assert.equal(byKind(again, 'vm').find((v) => v.label === 'vm-win-ade-kek')?.contextValue, 'ade.vm.encrypted');
    // Other stamped VMs stay as they were until they are opened or the background pass runs.
    assert.ok(byKind(again, 'vm').some((v) => v.contextValue === 'ade.vm.stamped'));
  });

  it('details a VM: disks with state, the ADE extension settings, its vault and KEK', async () => {
    const { store } = sandboxStore();
    const all = await expandAll(store);
    const vm = byKind(all, 'vm').find((v) => v.label === 'vm-win-ade-kek');
    assert.ok(vm);
    const kids = await childrenOf(store, vm, { groupByResourceGroup: false });
    assert.ok(kids.some((k) => k.kind === 'retirement'));
    const disks = byKind(kids, 'disk');
    assert.ok(disks.length >= 1);
    assert.ok(disks.every((d) => /encrypted \(ADE\)/.test(d.description ?? '')));
    const ext = kids.find((k) => k.kind === 'extension');
    assert.match(ext?.label ?? '', /AzureDiskEncryption 2\.2/);
    const settings = await childrenOf(store, ext, { groupByResourceGroup: false });
    const names = settings.map((s) => s.label);
    assert.ok(names.includes('KeyVaultURL') && names.includes('VolumeType'));
    assert.ok(!names.some((n) => /secret|passphrase|aadclientsecret/i.test(n)), 'settings must not show secrets');
    assert.ok(kids.some((k) => k.kind === 'vaultRef' && k.contextValue === 'ade.vaultRef'));
    assert.ok(kids.some((k) => k.kind === 'keyRef' && /^https:\/\//.test(k.ref.keyUrl ?? '')));
  });

  it('details a vault: readiness, access policies, keys (KEK candidates) and BEK secrets by VM', async () => {
    const { store } = sandboxStore();
    const all = await expandAll(store);
    const vault = byKind(all, 'vault').find((v) => v.label === 'kv-ade-ready');
    assert.ok(vault);
    const sections = await childrenOf(store, vault, { groupByResourceGroup: false });
    assert.deepEqual(
      sections.map((s) => s.ref.section),
      ['readiness', 'accessPolicies', 'keys', 'secrets'],
    );
    const [readiness, policies, keys, secrets] = await Promise.all(
      sections.map((s) => childrenOf(store, s, { groupByResourceGroup: false })),
    );
    assert.ok(readiness?.some((r) => r.label === 'Enabled for disk encryption'));
    assert.ok(readiness?.some((r) => r.label === 'Permission model'));
    assert.ok((policies ?? []).length > 0);
    const ec = keys?.find((k) => k.label === 'kek-ec');
    const rsa = keys?.find((k) => k.label === 'kek-rsa');
    assert.equal(ec?.contextValue, 'ade.key');
    assert.equal(rsa?.contextValue, 'ade.key.kek');
    assert.match(rsa?.description ?? '', /RSA · 3072 · enabled/);
    assert.ok((secrets ?? []).filter((s) => s.kind === 'secret').length > 0);
    for (const s of (secrets ?? []).filter((x) => x.kind === 'secret'))
      assert.match(s.tooltip ?? '', /value is never shown/);
  });
});

describe('explorer view model: requests', () => {
  it('loads a subscription with a fixed number of list requests (pages), not one per VM', async () => {
    const count = async (vms: number): Promise<number> => {
      const { store, sandbox } = sandboxStore({
        generate: { subscriptions: 1, vmsPerSubscription: vms },
        pageSize: 1000,
      });
      await expandAll(store, { groupByResourceGroup: false }, 2, (n) => n.kind !== 'vault');
      return sandbox.requestLog.filter((r) => !/instanceView/i.test(r.path)).length;
    };
    const small = await count(5);
    const large = await count(120);
    assert.equal(large, small, 'list requests grew with the number of VMs');
  });

  it('refreshes one VM with one VM read and one read per disk', async () => {
    const { store, sandbox } = sandboxStore();
    const all = await expandAll(store, { groupByResourceGroup: false }, 3);
    const vm = byKind(all, 'vm').find((v) => v.label === 'vm-win-ade-kek');
    assert.ok(vm?.ref.armId && vm.ref.subscriptionId);
    // Let the background verification of stamped VMs finish first: it is not part of this refresh.
    await store.verifyStamped({
      subscriptionId: vm.ref.subscriptionId,
      tenantId: vm.ref.tenantId ?? '',
      displayName: '',
    });
    const before = sandbox.requestLog.length;
    await store.refreshVm(
      { subscriptionId: vm.ref.subscriptionId, tenantId: vm.ref.tenantId ?? '', displayName: '' },
      vm.ref.armId,
    );
    const sent = sandbox.requestLog.slice(before);
    const inv = store.peekInventory(vm.ref.subscriptionId);
    const item = inv?.ok ? inv.value.vms.find((v) => v.name === 'vm-win-ade-kek') : undefined;
    assert.ok(item);
    assert.equal(sent.length, 1 + item.disks.length, sent.map((r) => `${r.method} ${r.path}`).join('\n'));
    assert.ok(
      sent.every(
        (r) =>
          r.method === 'GET' &&
          (r.path.toLowerCase().includes('/virtualmachines/vm-win-ade-kek') ||
            r.path.toLowerCase().includes('/disks/vm-win-ade-kek')),
      ),
    );
  });

  it('turns a failing listing into an error node with a retry action', async () => {
    const { store, sandbox } = sandboxStore();
    sandbox.addFault({ match: { pathIncludes: '/providers/Microsoft.Compute/virtualMachines' }, kind: 'serverError' });
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: false });
    const [sub] = await childrenOf(store, root, { groupByResourceGroup: false });
    const kids = await childrenOf(store, sub, { groupByResourceGroup: false });
    assert.equal(kids.length, 1);
    const err = kids[0];
    assert.equal(err?.kind, 'error');
    assert.equal(err?.contextValue, 'ade.error');
    assert.equal(err?.command?.command, 'ade.retry');
    assert.deepEqual(err?.command?.args, [sub?.id]);
    sandbox.clearFaults();
    store.resetSubscription(sub?.ref.subscriptionId ?? '');
    const again = await childrenOf(store, sub, { groupByResourceGroup: false });
    assert.ok(again.some((k) => k.kind === 'group'));
  });

  it('groups by resource group when asked', async () => {
    const { store } = sandboxStore();
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: true });
    const subs = await childrenOf(store, root, { groupByResourceGroup: true });
    const rgs = await childrenOf(
      store,
      subs.find((s) => /Production/.test(s.label)),
      { groupByResourceGroup: true },
    );
    assert.ok(rgs.length > 0 && rgs.every((r) => r.kind === 'resourceGroup' || r.kind === 'info'));
    const inside = await childrenOf(store, rgs[0], { groupByResourceGroup: true });
    assert.ok(inside.every((g) => g.kind === 'group' && g.id.startsWith(rgs[0]?.id ?? '?')));
  });

  it('hides subscriptions outside the filter and offers to select some when none is left', async () => {
    const { store } = sandboxStore();
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: false });
    const all = await childrenOf(store, root, { groupByResourceGroup: false });
    const first = all[0]?.ref.subscriptionId?.toLowerCase() ?? '';
    const one = await childrenOf(store, root, { groupByResourceGroup: false, selectedSubscriptions: new Set([first]) });
    assert.deepEqual(
      one.map((s) => s.ref.subscriptionId?.toLowerCase()),
      [first],
    );
    const none = await childrenOf(store, root, { groupByResourceGroup: false, selectedSubscriptions: new Set() });
    assert.equal(none[0]?.kind, 'selectSubscriptions');
  });
});
