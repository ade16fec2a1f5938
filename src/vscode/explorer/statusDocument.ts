import * as vscode from 'vscode';
import type { ExplorerProvider } from './explorerProvider';
import { subscriptionFor } from './model/children';
import type { NodeDescriptor } from './model/types';

export const STATUS_SCHEME = 'ade-status';

/** `ade-status:/<name>.json?<query>`: the `az vm encryption show` JSON of one VM or scale set, read-only. */
export function statusUri(node: NodeDescriptor): vscode.Uri {
  const query = new URLSearchParams({
    id: node.ref.armId ?? '',
    sub: node.ref.subscriptionId ?? '',
    tenant: node.ref.tenantId ?? '',
    t: String(Date.now()),
  });
  return vscode.Uri.from({
    scheme: STATUS_SCHEME,
    path: `/${node.label} encryption status.json`,
    query: query.toString(),
  });
}

export class EncryptionStatusProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly explorer: ExplorerProvider) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const id = q.get('id') ?? '';
    const store = this.explorer.store;
    if (!store)
      return JSON.stringify(
        { error: 'The explorer is not connected: sign in or open the sandbox, then try again.' },
        null,
        2,
      );
    const sub = await subscriptionFor(store, {
      id,
      kind: 'vm',
      label: '',
      contextValue: '',
      collapsible: 'none',
      ref: { subscriptionId: q.get('sub') ?? '', tenantId: q.get('tenant') ?? '' },
    });
    if (!sub) return '{}';
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const status = await store.backend.showStatus(sub, id, controller.signal);
    if (status === null) {
      return JSON.stringify(
        { message: 'Azure Disk Encryption is not enabled on this VM (az vm encryption show prints nothing).' },
        null,
        2,
      );
    }
    return JSON.stringify(status, null, 2);
  }
}
