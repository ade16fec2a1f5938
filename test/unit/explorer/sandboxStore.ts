// Test helper (not a suite): the explorer's store over a fresh sandbox, with the Azure layer loaded
// from source the way the extension loads its lazy bundle.
import * as azure from '../../../src/azure';
import { createSandbox } from '../../../src/sandbox';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox';
import { asAzureApi } from '../../../src/vscode/explorer/azureApi';
import { AzureLayerBackend } from '../../../src/vscode/explorer/azureBackend';
import { childrenOf, type ChildOptions } from '../../../src/vscode/explorer/model/children';
import { ExplorerStore } from '../../../src/vscode/explorer/model/store';
import type { NodeDescriptor } from '../../../src/vscode/explorer/model/types';

export function sandboxStore(options: SandboxOptions = { scenario: 'default' }): {
  store: ExplorerStore;
  sandbox: Sandbox;
} {
  const api = asAzureApi(azure);
  const sandbox = createSandbox(options);
  const backend = new AzureLayerBackend(api, {
    kind: 'sandbox',
    title: 'Sandbox: test',
    cloud: api.customCloud(sandbox.endpoint),
    credential: sandbox.credential,
    endpoint: sandbox.endpoint,
    httpClient: sandbox.httpClient,
    subscriptions: sandbox.subscriptions.map((s) => ({ ...s })),
    requestCount: () => sandbox.requestLog.length,
    retry: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });
  return { store: new ExplorerStore(backend, api.describeAzureError), sandbox };
}

/** Expands the tree depth-first down to `depth` levels below the root, like a user opening every node. */
export async function expandAll(
  store: ExplorerStore,
  options: ChildOptions = { groupByResourceGroup: false },
  depth = 8,
  shouldExpand: (n: NodeDescriptor) => boolean = () => true,
): Promise<NodeDescriptor[]> {
  const out: NodeDescriptor[] = [];
  const walk = async (node: NodeDescriptor | undefined, level: number): Promise<void> => {
    const kids = await childrenOf(store, node, options);
    await Promise.all(
      kids.map(async (k) => {
        out.push(k);
        if (level < depth && k.collapsible !== 'none' && shouldExpand(k)) await walk(k, level + 1);
      }),
    );
  };
  await walk(undefined, 0);
  return out;
}
