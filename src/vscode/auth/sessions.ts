import * as vscode from 'vscode';
import type { AzureCloud } from '../../azure/auth/clouds';
import type { SessionProvider } from '../../azure/auth/sessionCredential';

/** Cloud names of `ade.azure.cloud` → values of the built-in `microsoft-sovereign-cloud.environment` setting. */
const SOVEREIGN_ENV: Record<string, string> = { AzureChinaCloud: 'ChinaCloud', AzureUSGovernment: 'USGovernment' };

export function configuredCloudName(): string {
  return vscode.workspace.getConfiguration('ade').get<string>('azure.cloud', 'AzureCloud');
}

/** ARM scope plus VS Code's tenant pseudo-scope, the way the Microsoft auth provider expects them. */
export function scopesFor(
  cloud: AzureCloud,
  tenantId?: string,
  scopes: readonly string[] = [cloud.managementScope],
): string[] {
  return [...scopes, ...(tenantId ? [`VSCODE_TENANT:${tenantId}`] : [])];
}

/** Gives up after `ms` (an auth provider that never registers must not hang activation). */
function withTimeout<T>(p: Thenable<T>, ms: number): Promise<T | undefined> {
  return Promise.race([Promise.resolve(p), new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
}

/** Background use: never prompts. Undefined when there is no session (or no provider). */
export async function silentSession(
  cloud: AzureCloud,
  tenantId?: string,
  timeoutMs = 5000,
): Promise<vscode.AuthenticationSession | undefined> {
  try {
    return await withTimeout(
      vscode.authentication.getSession(cloud.authProviderId, scopesFor(cloud, tenantId), { silent: true }),
      timeoutMs,
    );
  } catch {
    return undefined;
  }
}

/** User gesture: may open the browser sign-in. Throws when the user cancels. */
export async function interactiveSession(cloud: AzureCloud, tenantId?: string): Promise<vscode.AuthenticationSession> {
  await ensureSovereignSetting(cloud);
  return vscode.authentication.getSession(cloud.authProviderId, scopesFor(cloud, tenantId), {
    createIfNone: true,
    ...(tenantId ? {} : { clearSessionPreference: true }),
  });
}

/**
 * The sovereign-cloud auth provider reads its cloud from its own setting; keep it in step with ours
 * so that choosing `AzureChinaCloud` here signs in to Azure China.
 */
async function ensureSovereignSetting(cloud: AzureCloud): Promise<void> {
  const wanted = SOVEREIGN_ENV[cloud.name];
  if (!wanted) return;
  const config = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  if (config.get<string>('environment') === wanted) return;
  await config.update('environment', wanted, vscode.ConfigurationTarget.Global);
}

/** Adapter from VS Code sessions to the Azure layer's credential interface: always silent. */
export function vscodeSessionProvider(cloud: AzureCloud): SessionProvider {
  return async (scopes, tenantId) => {
    try {
      const session = await vscode.authentication.getSession(cloud.authProviderId, scopesFor(cloud, tenantId, scopes), {
        silent: true,
      });
      return session ? { accessToken: session.accessToken } : undefined;
    } catch {
      return undefined;
    }
  };
}
