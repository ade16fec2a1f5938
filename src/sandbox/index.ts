// Public entry of the sandbox: a local, in-memory imitation of the ARM endpoints the extension uses (Compute,
// Key Vault, Authorization, Subscriptions) with ADE behaviour, for tests and the extension's sandbox mode.
import { createSandboxCredential } from './credential';
import { createEngine } from './engine';
import { createInProcessHttpClient } from './inProcessClient';
import type { Sandbox, SandboxOptions, SandboxServer } from './types';

export type {
  FaultRule,
  RequestLogEntry,
  Sandbox,
  SandboxOptions,
  SandboxServer,
  SandboxStore,
  SandboxSubscription,
  StoredResource,
  ScenarioData,
} from './types';
export type * from './scenarios/model';
export { generateScenario } from './generate';

export const IN_PROCESS_ENDPOINT = 'https://management.sandbox.local';

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const engine = createEngine(options);
  const { ctx, router, faults, log } = engine;
  return {
    endpoint: IN_PROCESS_ENDPOINT,
    httpClient: createInProcessHttpClient(router),
    credential: createSandboxCredential(),
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
