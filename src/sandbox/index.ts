// Public entry of the sandbox: a local, in-memory imitation of the ARM endpoints the extension uses (Compute,
// Key Vault, Authorization, Subscriptions) with ADE behaviour, for tests and the extension's sandbox mode.
import type { TokenCredential } from '@azure/core-auth';
import { createSandboxCredential } from './credential';
import { DEFAULT_OPERATOR } from './identity/principals';
import { tenantIds } from './identity/signIn';
import { createEngine } from './engine';
import { createInProcessHttpClient } from './inProcessClient';
import type { Sandbox, SandboxOptions, SandboxServer } from './types';

export type {
  FaultRule,
  RequestLogEntry,
  Sandbox,
  SandboxOptions,
  SandboxPrincipalInfo,
  SandboxServer,
  SandboxStore,
  SandboxSubscription,
  StoredResource,
  ScenarioData,
} from './types';
export type * from './scenarios/model';
export { generateScenario } from './generate';
export { createSandboxCredential, type SandboxSignIn } from './credential';

export const IN_PROCESS_ENDPOINT = 'https://management.sandbox.local';

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const engine = createEngine(options);
  const { ctx, router, faults, log } = engine;
  const httpClient = createInProcessHttpClient(router);
  const tenantId = tenantIds(ctx.subscriptions)[0] ?? 'common';
  const credentialFor = (name: string): TokenCredential => {
    const p = ctx.directory.byName(name);
    if (!p) {
      const known = ctx.directory.list().map((x) => x.name);
      throw new Error(`The sandbox scenario has no principal '${name}' (it has: ${known.join(', ')}).`);
    }
    return createSandboxCredential({
      authorityHost: IN_PROCESS_ENDPOINT,
      tenantId,
      clientId: p.appId,
      clientSecret: p.secret,
      httpClient,
    });
  };
  return {
    endpoint: IN_PROCESS_ENDPOINT,
    httpClient,
    // The operator unless told otherwise; a scenario without one signs in as its first principal.
    credential: credentialFor(
      options.principal ??
        (ctx.directory.byName(DEFAULT_OPERATOR.name) ? DEFAULT_OPERATOR.name : (ctx.directory.list()[0]?.name ?? '')),
    ),
    tenantId,
    principals: ctx.directory.list(),
    credentialFor,
    subscriptions: ctx.subscriptions,
    store: ctx.store,
    advance: (seconds: number) => ctx.clock.advance(seconds),
    requestLog: log,
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    close: async () => {
      faults.clear();
    },
  };
}

export async function startSandboxServer(
  options: SandboxOptions & { port?: number; host?: string },
): Promise<SandboxServer> {
  // Loaded on demand: the in-process sandbox must not need openssl or the https module.
  const { startServer } = await import('./server');
  return startServer(options);
}
