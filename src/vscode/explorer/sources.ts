import * as vscode from 'vscode';
import type { Sandbox } from '../../sandbox/types';
import { configuredCloudName, silentSession, vscodeSessionProvider } from '../auth/sessions';
import { asAzureApi, type AzureApi } from './azureApi';
import { AzureLayerBackend } from './azureBackend';
import { ExplorerStore } from './model/store';

/** A live data source for the explorer: the store over a backend, plus what it needs to close. */
export interface ExplorerSource {
  readonly store: ExplorerStore;
  readonly azure: AzureApi;
  readonly sandbox?: Sandbox;
  dispose(): Promise<void>;
}

export async function loadAzureApi(): Promise<AzureApi> {
  return asAzureApi(await import('#lazy/azure'));
}

/** The operator: Owner of every subscription in the sandbox's scenarios. */
export const SANDBOX_OPERATOR = 'ade-operator';

/**
 * The embedded sandbox: in-process, no network. It signs in as one of the scenario's service principals (the
 * operator unless another is chosen) with the SDK's client-secret credential at the sandbox's own token endpoint,
 * so ARM checks real tokens and that principal's role assignments.
 */
export async function openSandboxSource(
  scenario: string,
  principal = SANDBOX_OPERATOR,
  /** Keep this estate (switching principals) instead of starting the scenario afresh. */
  existing?: Sandbox,
): Promise<ExplorerSource> {
  const [azure, sb] = await Promise.all([loadAzureApi(), existing ? undefined : import('#lazy/sandbox')]);
  const sandbox = existing ?? sb!.createSandbox({ scenario });
  const who = sandbox.principals.find((p) => p.name.toLowerCase() === principal.toLowerCase());
  if (!who) {
    throw new Error(
      `The sandbox scenario "${scenario}" has no principal "${principal}". Choose one of: ${sandbox.principals.map((p) => p.name).join(', ')}.`,
    );
  }
  const credential = azure.clientSecretCredential({
    tenantId: sandbox.tenantId,
    clientId: who.appId,
    clientSecret: who.secret,
    authorityHost: sandbox.endpoint,
    httpClient: sandbox.httpClient,
  });
  const isOperator = who.name === SANDBOX_OPERATOR;
  const backend = new AzureLayerBackend(azure, {
    kind: 'sandbox',
    title: `Sandbox: ${scenario} (local, not Azure)${isOperator ? '' : ` as ${who.name}`}`,
    cloud: azure.customCloud(sandbox.endpoint, { displayName: 'Sandbox' }),
    credential,
    endpoint: sandbox.endpoint,
    httpClient: sandbox.httpClient,
    // The operator sees every subscription; another principal lists them through ARM, which shows only those
    // where it holds a role.
    ...(isOperator
      ? {
          subscriptions: sandbox.subscriptions.map((s) => ({
            subscriptionId: s.subscriptionId,
            displayName: s.displayName,
            tenantId: s.tenantId,
          })),
        }
      : {}),
    requestCount: () => sandbox.requestLog.length,
    // The sandbox answers in-process: retry fast so injected faults surface quickly.
    retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
  return {
    store: new ExplorerStore(backend, azure.describeAzureError),
    azure,
    sandbox,
    dispose: () => sandbox.close(),
  };
}

/** The signed-in Microsoft account (silent sessions only; sign-in itself is a user gesture elsewhere). */
export async function openAzureSource(): Promise<ExplorerSource> {
  const azure = await loadAzureApi();
  const cloud = azure.cloudByName(configuredCloudName());
  const session = await silentSession(cloud);
  const credentials = new azure.SessionCredentialCache(vscodeSessionProvider(cloud));
  const backend = new AzureLayerBackend(azure, {
    kind: 'azure',
    title: `${cloud.displayName}${session ? ` (${session.account.label})` : ''}`,
    cloud,
    credential: (tenantId?: string) => credentials.forTenant(tenantId),
  });
  return {
    store: new ExplorerStore(backend, azure.describeAzureError),
    azure,
    dispose: async () => {
      credentials.clear();
    },
  };
}

/** True when VS Code already has a Microsoft session for the configured cloud (never prompts). */
export async function hasSilentSession(): Promise<boolean> {
  const azure = await loadAzureApi().catch(() => undefined);
  if (!azure) return false;
  return !!(await silentSession(azure.cloudByName(configuredCloudName())));
}

export function sandboxScenario(): string {
  return vscode.workspace.getConfiguration('ade').get<string>('sandbox.scenario', 'default');
}
