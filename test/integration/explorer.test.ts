import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { NodeDescriptor } from '../../src/vscode/explorer/model/types';
import { activateExtension, waitFor } from './helpers';

async function openSandbox(): Promise<ExtensionApi> {
  const api = await activateExtension();
  await vscode.commands.executeCommand('ade.openSandbox');
  assert.equal(api.explorer.mode.kind, 'sandbox');
  return api;
}

async function child(
  api: ExtensionApi,
  parent: NodeDescriptor | undefined,
  label: string | RegExp,
): Promise<NodeDescriptor> {
  const kids = await api.explorer.getChildren(parent);
  const found = kids.find((k) => (typeof label === 'string' ? k.label === label : label.test(k.label)));
  assert.ok(
    found,
    `no child ${String(label)} under ${parent?.label ?? 'the root'}: ${kids.map((k) => k.label).join(', ')}`,
  );
  return found;
}

/** Sandbox root → "Contoso Production" → the given group. */
async function group(api: ExtensionApi, label: string): Promise<NodeDescriptor> {
  const root = await child(api, undefined, /Sandbox/);
  const sub = await child(api, root, /Production/);
  return child(api, sub, label);
}

function icon(item: vscode.TreeItem): { id: string; color?: string } {
  const i = item.iconPath;
  assert.ok(i instanceof vscode.ThemeIcon, 'icon is a ThemeIcon');
  return { id: i.id, ...(i.color ? { color: i.color.id } : {}) };
}

function tooltip(item: vscode.TreeItem): string {
  const t = item.tooltip;
  return t instanceof vscode.MarkdownString ? t.value : String(t ?? '');
}

describe('explorer', () => {
  it('shows the sandbox root labelled Sandbox, then subscriptions with their groups', async () => {
    const api = await openSandbox();
    const [root] = await api.explorer.getChildren();
    assert.ok(root);
    const rootItem = api.explorer.getTreeItem(root);
    assert.match(String(rootItem.label), /Sandbox/);
    assert.equal(rootItem.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const subs = await api.explorer.getChildren(root);
    assert.ok(subs.length >= 2);
    for (const s of subs) {
      const item = api.explorer.getTreeItem(s);
      assert.equal(item.contextValue, 'ade.subscription');
      assert.equal(item.id, `/subscriptions/${s.ref.subscriptionId}`.toLowerCase());
    }
    const groups = await api.explorer.getChildren(subs.find((s) => /Production/.test(s.label)));
    assert.deepEqual(
      groups.map((g) => g.label),
      ['Key Vaults', 'Virtual Machines', 'VM Scale Sets'],
    );
  });

  it('badges VMs, scale sets and vaults: description, themed icon, contextValue and tooltip', async () => {
    const api = await openSandbox();
    const first = await api.explorer.getChildren(await group(api, 'Virtual Machines'));
    // The first picture says "ADE settings stamped"; the background pass verifies from the instance views.
    assert.ok(first.some((n) => api.explorer.getTreeItem(n).contextValue === 'ade.vm.stamped'));
    const sub = (await group(api, 'Virtual Machines')).ref;
    await api.explorer.store?.verifyStamped({
      subscriptionId: sub.subscriptionId ?? '',
      tenantId: sub.tenantId ?? '',
      displayName: '',
    });
    const vms = await api.explorer.getChildren(await group(api, 'Virtual Machines'));
    const expected: Record<string, { context: string; description: RegExp; icon: string; color: string }> = {
      'vm-win-ade-kek': {
        context: 'ade.vm.encrypted',
        description: /^Encrypted \(ADE\) · retires 2028$/,
        icon: 'lock',
        color: 'charts.green',
      },
      'vm-linux-data': {
        context: 'ade.vm.osNotEncrypted',
        description: /^OS not encrypted/,
        icon: 'unlock',
        color: 'charts.yellow',
      },
      'vm-plain': {
        context: 'ade.vm.none',
        description: /^Not encrypted$/,
        icon: 'circle-slash',
        color: 'disabledForeground',
      },
      'vm-ade-inprogress': {
        context: 'ade.vm.inProgress',
        description: /^Encryption in progress/,
        icon: 'sync',
        color: 'charts.blue',
      },
      'vm-ade-failed': {
        context: 'ade.vm.failed',
        description: /^ADE failed/,
        icon: 'error',
        color: 'errorForeground',
      },
      'vm-win-os-only': {
        context: 'ade.vm.dataNotEncrypted',
        description: /^Data not encrypted/,
        icon: 'unlock',
        color: 'charts.yellow',
      },
      'vm-eah': {
        context: 'ade.vm.encryptionAtHost',
        description: /^Encryption at host$/,
        icon: 'server',
        color: 'charts.green',
      },
      'vm-sse-cmk': {
        context: 'ade.vm.sseCustomerKey',
        description: /^SSE with customer key$/,
        icon: 'key',
        color: 'charts.purple',
      },
      'vm-legacy-aad': {
        context: 'ade.vm.legacyAad',
        description: /^Legacy ADE \(AAD\)/,
        icon: 'history',
        color: 'charts.orange',
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      const node = vms.find((v) => v.label === name);
      assert.ok(node, `VM ${name} missing`);
      const item = api.explorer.getTreeItem(node);
      assert.equal(item.contextValue, want.context, name);
      assert.match(String(item.description), want.description, name);
      assert.deepEqual(icon(item), { id: want.icon, color: want.color }, name);
      assert.equal(item.id, node.ref.armId?.toLowerCase());
      const tip = tooltip(item);
      assert.match(tip, /\*\*Next:\*\*/, `${name} tooltip says what to do`);
      if (/retires/.test(String(item.description))) assert.match(tip, /2028-09-15/);
    }
    const [ss] = await api.explorer.getChildren(await group(api, 'VM Scale Sets'));
    assert.ok(ss);
    assert.match(api.explorer.getTreeItem(ss).contextValue ?? '', /^ade\.vmss\./);
    const vaults = await api.explorer.getChildren(await group(api, 'Key Vaults'));
    const ready = api.explorer.getTreeItem(vaults.find((v) => v.label === 'kv-ade-ready') as NodeDescriptor);
    const noflag = api.explorer.getTreeItem(vaults.find((v) => v.label === 'kv-ade-noflag') as NodeDescriptor);
    assert.equal(ready.contextValue, 'ade.vault.ready');
    assert.deepEqual(icon(ready), { id: 'workspace-trusted', color: 'charts.green' });
    assert.equal(noflag.contextValue, 'ade.vault.notReady');
    assert.equal(String(noflag.description), 'Not ready: disk encryption off');
    assert.deepEqual(icon(noflag), { id: 'workspace-untrusted', color: 'errorForeground' });
    assert.match(tooltip(noflag), /not enabled for disk encryption/);
  });

  it('refreshes one VM node with only that VM and its disks, with a spinner meanwhile', async () => {
    const api = await openSandbox();
    const vmNode = await child(api, await group(api, 'Virtual Machines'), 'vm-win-ade-kek');
    const disks = (await api.explorer.getChildren(vmNode)).filter((k) => k.kind === 'disk');
    const sandbox = api.sandbox();
    assert.ok(sandbox);
    const before = sandbox.requestLog.length;
    let spinning = false;
    await api.explorer.runOnNode(
      vmNode,
      'Testing',
      async () => {
        const icon = api.explorer.getTreeItem(vmNode).iconPath;
        spinning = icon instanceof vscode.ThemeIcon && icon.id === 'loading~spin';
      },
      { refreshAfter: false },
    );
    assert.ok(spinning, 'spinner while an operation runs on the node');
    assert.equal(sandbox.requestLog.length, before, 'no request without refresh');
    await vscode.commands.executeCommand('ade.refresh', vmNode);
    const sent = sandbox.requestLog.slice(before);
    assert.equal(sent.length, 1 + disks.length, sent.map((r) => `${r.method} ${r.path}`).join('\n'));
    for (const r of sent) assert.match(r.path.toLowerCase(), /\/(virtualmachines|disks)\/vm-win-ade-kek/);
    const icon = api.explorer.getTreeItem(vmNode).iconPath;
    assert.ok(icon instanceof vscode.ThemeIcon && icon.id === 'lock', 'badge is back after the refresh');
  });

  it('turns injected faults into error nodes with a retry action, never a pop-up', async () => {
    const api = await openSandbox();
    const sandbox = api.sandbox();
    assert.ok(sandbox);
    const vmNode = await child(api, await group(api, 'Virtual Machines'), 'vm-plain');
    sandbox.addFault({ match: { pathIncludes: '/virtualMachines/vm-plain' }, kind: 'serverError' });
    await vscode.commands.executeCommand('ade.refresh', vmNode);
    const [err] = await api.explorer.getChildren(vmNode);
    assert.ok(err);
    const item = api.explorer.getTreeItem(err);
    assert.equal(item.contextValue, 'ade.error');
    assert.equal(item.command?.command, 'ade.retry');
    assert.match(String(item.label), /Could not refresh vm-plain/);
    sandbox.clearFaults();
    await vscode.commands.executeCommand('ade.retry', ...(item.command?.arguments ?? []));
    const kids = await api.explorer.getChildren(vmNode);
    assert.ok(
      kids.some((k) => k.kind === 'disk'),
      'retry loads the details',
    );

    // A whole subscription failing: the subscription's children become one error node.
    const root = await child(api, undefined, /Sandbox/);
    const sub = await child(api, root, /DR/);
    sandbox.addFault({ match: { pathIncludes: '/providers/Microsoft.Compute/virtualMachines' }, kind: 'serverError' });
    await vscode.commands.executeCommand('ade.refresh', sub);
    const subKids = await api.explorer.getChildren(sub);
    assert.equal(subKids.length, 1);
    assert.equal(api.explorer.getTreeItem(subKids[0] as NodeDescriptor).contextValue, 'ade.error');
    sandbox.clearFaults();
    await vscode.commands.executeCommand('ade.retry', sub.id);
    assert.ok((await api.explorer.getChildren(sub)).some((k) => k.kind === 'group'));
  });

  it('filters subscriptions (saved in globalState) and offers to select some when all are hidden', async () => {
    const api = await openSandbox();
    const root = await child(api, undefined, /Sandbox/);
    const all = await api.explorer.getChildren(root);
    const keep = all[0]?.ref.subscriptionId ?? '';
    await api.explorer.setSelectedSubscriptions([keep]);
    assert.deepEqual(
      (await api.explorer.getChildren(root)).map((s) => s.ref.subscriptionId),
      [keep],
    );
    await api.explorer.setSelectedSubscriptions([]);
    const none = await api.explorer.getChildren(root);
    assert.equal(none[0]?.kind, 'selectSubscriptions');
    assert.equal(api.explorer.getTreeItem(none[0] as NodeDescriptor).command?.command, 'ade.selectSubscriptions');
    await api.explorer.setSelectedSubscriptions(undefined);
    assert.equal((await api.explorer.getChildren(root)).length, all.length);
  });

  it('shows the encryption status JSON read-only and copies ids', async () => {
    const api = await openSandbox();
    const vmNode = await child(api, await group(api, 'Virtual Machines'), 'vm-win-ade-kek');
    await vscode.commands.executeCommand('ade.showEncryptionStatus', vmNode);
    const editor = await waitFor('status editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'ade-status' ? vscode.window.activeTextEditor : undefined,
    );
    const status = JSON.parse(editor.document.getText()) as { disks?: unknown[]; status?: unknown };
    assert.ok(Array.isArray(status.disks) && status.disks.length > 0, editor.document.getText());
    assert.equal(editor.document.languageId, 'json');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const [ss] = await api.explorer.getChildren(await group(api, 'VM Scale Sets'));
    await vscode.commands.executeCommand('ade.showEncryptionStatus', ss);
    const ssEditor = await waitFor('scale set status', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'ade-status' && e.document.uri.path.includes(ss?.label ?? '?') ? e : undefined;
    });
    assert.ok(Array.isArray(JSON.parse(ssEditor.document.getText())));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    await vscode.commands.executeCommand('ade.copyResourceId', vmNode);
    assert.equal(await vscode.env.clipboard.readText(), vmNode.ref.armId);
    const vault = await child(api, await group(api, 'Key Vaults'), 'kv-ade-ready');
    await vscode.commands.executeCommand('ade.copyVaultUri', vault);
    assert.match(await vscode.env.clipboard.readText(), /^https:\/\/kv-ade-ready\./);
    const keys = await child(api, vault, 'Keys');
    const kek = await child(api, keys, 'kek-rsa');
    await vscode.commands.executeCommand('ade.copyKeyUrl', kek);
    assert.match(await vscode.env.clipboard.readText(), /^https:\/\/kv-ade-ready\.[^/]+\/keys\/kek-rsa\/[0-9a-f]+$/);
  });

  it('asks with pickers when a node command runs from the palette', async () => {
    await openSandbox();
    await vscode.env.clipboard.writeText('');
    const running = vscode.commands.executeCommand('ade.copyResourceId');
    // Two sandbox subscriptions: first a subscription picker, then the resource picker.
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await running;
    assert.match(await vscode.env.clipboard.readText(), /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\//);
  });

  it('builds portal links for the cloud and tenant', async () => {
    const api = await openSandbox();
    const azure = api.explorer.azure;
    assert.ok(azure);
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm';
    assert.equal(
      azure.portalResourceUrl(azure.cloudByName('AzureCloud'), id, 't1'),
      `https://portal.azure.com/#@t1/resource${id}`,
    );
    assert.match(
      azure.portalResourceUrl(azure.cloudByName('AzureChinaCloud'), id, 't1'),
      /^https:\/\/portal\.azure\.cn\/#@t1\/resource/,
    );
    assert.match(
      azure.portalResourceUrl(azure.cloudByName('AzureUSGovernment'), id, 't1'),
      /^https:\/\/portal\.azure\.us\/#@t1\/resource/,
    );
    await vscode.commands.executeCommand('ade.closeSandbox');
    assert.deepEqual(await api.explorer.getChildren(), []);
  });
});
