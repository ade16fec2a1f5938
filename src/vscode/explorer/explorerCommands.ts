import * as vscode from 'vscode';
import type { ActivityLog } from '../activityLog';
import { configuredCloudName, interactiveSession } from '../auth/sessions';
import type { ExplorerProvider } from './explorerProvider';
import type { NodeDescriptor } from './model/types';
import { pickKey, pickResource } from './pickers';
import { loadAzureApi } from './sources';
import { EncryptionStatusProvider, STATUS_SCHEME, statusUri } from './statusDocument';

function asNode(arg: unknown): NodeDescriptor | undefined {
  return arg && typeof arg === 'object' && 'id' in arg && 'kind' in arg && 'ref' in arg
    ? (arg as NodeDescriptor)
    : undefined;
}

/** The portal URL of a resource, right for the cloud and tenant (`https://portal.azure.com/#@<tenant>/resource<id>`). */
export function portalUrl(explorer: ExplorerProvider, node: NodeDescriptor): string | undefined {
  const azure = explorer.azure;
  const cloud = explorer.store?.backend.cloud;
  const id = node.ref.armId;
  if (!azure || !cloud || !id) return undefined;
  return azure.portalResourceUrl(cloud, id, node.ref.tenantId);
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 3000);
}

/** Explorer commands: each works on a tree node or, from the palette, asks with a picker. */
export function registerExplorerCommands(
  context: vscode.ExtensionContext,
  explorer: ExplorerProvider,
  log: ActivityLog,
): vscode.Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'ade.retry': (arg) => explorer.retry(arg),
    'ade.loadMore': (arg) => explorer.loadMore(arg),
    'ade.revealResource': async (arg) => {
      const id = typeof arg === 'string' ? arg : asNode(arg)?.ref.armId;
      if (id && !(await explorer.reveal(id))) {
        vscode.window.setStatusBarMessage('Expand its subscription and group first to reveal this resource.', 4000);
      }
    },
    'ade.openInPortal': async (arg) => {
      const node = asNode(arg) ?? (await pickResource(explorer, ['vm', 'scaleSet', 'vault'], 'Open in portal'));
      if (!node) return;
      const url = portalUrl(explorer, node);
      if (!url) return;
      if (explorer.mode.kind === 'sandbox') {
        const choice = await vscode.window.showInformationMessage(
          `${node.label} only exists in the sandbox, so the portal cannot show it. In Azure the link would be ${url}`,
          'Copy Link',
        );
        if (choice) await copy(url, 'portal link');
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    },
    'ade.copyResourceId': async (arg) => {
      const node = asNode(arg) ?? (await pickResource(explorer, ['vm', 'scaleSet', 'vault'], 'Copy resource id'));
      if (node?.ref.armId) await copy(node.ref.armId, 'resource id');
    },
    'ade.copyVaultUri': async (arg) => {
      const node = asNode(arg) ?? (await pickResource(explorer, ['vault'], 'Copy vault URI'));
      if (!node) return;
      const uri = node.ref.vaultUri;
      if (uri) await copy(uri, 'vault URI');
      else
        void vscode.window.showWarningMessage(
          `Azure did not report a URI for ${node.label}. Refresh the vault and try again.`,
        );
    },
    'ade.copyKeyUrl': async (arg) => {
      const node = asNode(arg) ?? (await pickKey(explorer));
      const url = node?.ref.keyUrl;
      if (url) await copy(url, 'key URL');
    },
    'ade.showEncryptionStatus': async (arg) => {
      const node = asNode(arg) ?? (await pickResource(explorer, ['vm', 'scaleSet'], 'Show encryption status'));
      if (!node?.ref.armId) return;
      const uri = statusUri(node);
      try {
        const doc = await explorer.runOnNode(
          node,
          'Reading status',
          () => Promise.resolve(vscode.workspace.openTextDocument(uri)),
          { refreshAfter: false },
        );
        await vscode.languages.setTextDocumentLanguage(doc, 'json');
        await vscode.window.showTextDocument(doc, { preview: true });
        // The status shows what the instance view says; let the tree say the same.
        void explorer.verifyNode(node).catch(() => undefined);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`Encryption status of ${node.ref.armId}: ${message}`);
        void vscode.window.showErrorMessage(
          `Could not read the encryption status of ${node.label}: ${message} Refresh the node and try again.`,
        );
      }
    },
    'ade.selectSubscriptions': async () => {
      const store = explorer.store;
      if (!store) return;
      const listing = await store.subscriptions();
      if (!listing.ok) {
        void vscode.window.showErrorMessage(`Could not list subscriptions: ${listing.error.message}`);
        return;
      }
      const sel = explorer.selectedSubscriptions();
      const items = listing.value.subscriptions.map((s) => ({
        label: s.displayName,
        description: s.subscriptionId,
        detail: `Tenant ${s.tenantId}`,
        picked: !sel || sel.has(s.subscriptionId.toLowerCase()),
        id: s.subscriptionId,
      }));
      const chosen = await vscode.window.showQuickPick(items, {
        canPickMany: true,
        title: 'Subscriptions to show in the Encryption Explorer',
        placeHolder: 'Only selected subscriptions are loaded',
        ignoreFocusOut: true,
      });
      if (!chosen) return;
      await explorer.setSelectedSubscriptions(chosen.length === items.length ? undefined : chosen.map((c) => c.id));
    },
    'ade.signInToTenant': async (arg) => {
      const tenantId = typeof arg === 'string' ? arg : asNode(arg)?.ref.tenantId;
      if (!tenantId) return;
      try {
        const azure = await loadAzureApi();
        await interactiveSession(azure.cloudByName(configuredCloudName()), tenantId);
        explorer.store?.resetAll();
        await explorer.refresh();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`Sign-in to tenant ${tenantId} failed: ${message}`);
        void vscode.window.showWarningMessage(`Could not sign in to tenant ${tenantId}: ${message}`);
      }
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(STATUS_SCHEME, new EncryptionStatusProvider(explorer)),
    ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    { dispose: () => void context },
  ];
}

/** Sign-in (user gesture): interactive Microsoft session for the configured cloud, then the Azure tree. */
export async function signIn(explorer: ExplorerProvider, log: ActivityLog): Promise<void> {
  const azure = await loadAzureApi();
  const cloud = azure.cloudByName(configuredCloudName());
  const session = await interactiveSession(cloud);
  log.info(`Signed in to ${cloud.displayName} as ${session.account.label}`);
  await explorer.setMode({ kind: 'azure' });
}
