// Wires store, clock, router, providers and the ADE simulator from the options; both transports use this.
import { existsSync, readFileSync } from 'node:fs';
import { AdeSimulator } from './ade/simulator';
import { SimClock } from './clock';
import type { SandboxContext } from './context';
import { FaultEngine } from './faults';
import { generateScenario } from './generate';
import { authenticateArm } from './identity/armAuth';
import { Directory } from './identity/principals';
import { registerSignIn } from './identity/signIn';
import { LroManager } from './lro';
import { authorizeArm } from './permissions';
import { registerAuthorization } from './providers/authorization';
import { registerCompute } from './providers/compute';
import { registerDiskUpload } from './providers/diskUpload';
import { registerFeatures } from './providers/features';
import { registerKeyVault } from './providers/keyvault';
import { registerSubscriptions } from './providers/subscriptions';
import { Router } from './router';
import { loadScenario } from './scenarios/build';
import type { ScenarioData } from './scenarios/model';
import defaultScenario from './scenarios/default.json';
import emptyScenario from './scenarios/empty.json';
import { MemoryStore } from './store';
import type { RequestLogEntry, SandboxOptions } from './types';

export interface Engine {
  ctx: SandboxContext;
  router: Router;
  faults: FaultEngine;
  log: RequestLogEntry[];
  ade: AdeSimulator;
}

export function resolveScenario(options: SandboxOptions): ScenarioData {
  if (options.generate)
    return generateScenario(options.generate.subscriptions, options.generate.vmsPerSubscription, options.seed ?? 1);
  const s = options.scenario ?? 'default';
  if (typeof s !== 'string') return s;
  switch (s) {
    case 'default':
      return defaultScenario as ScenarioData;
    case 'empty':
      return emptyScenario as ScenarioData;
    case 'large':
      return generateScenario(10, 50, options.seed ?? 1);
    default:
      // A path to a scenario JSON file (same shape as scenarios/default.json).
      if (s.endsWith('.json') && existsSync(s)) return JSON.parse(readFileSync(s, 'utf8')) as ScenarioData;
      throw new Error(
        `Unknown sandbox scenario '${s}' (expected default, empty, large or a path to a scenario .json file)`,
      );
  }
}

export function createEngine(options: SandboxOptions = {}): Engine {
  const clock = new SimClock(options.clock ?? 'real', options.timeScale ?? 1);
  const faults = new FaultEngine(options.faults ?? []);
  const log: RequestLogEntry[] = [];
  const router = new Router({
    clock,
    faults,
    latencyMs: options.latencyMs ?? 0,
    log,
    authenticate: (req) => authenticateArm(req),
    authorize: (req, caller) => authorizeArm(ctx, req, caller),
  });
  const retryAfter = options.lroRetryAfterSeconds ?? (clock.isManual ? 0 : 1);
  // core-lro ignores Retry-After: 0 and then waits its 2 s default between polls, so with the manual clock (tests)
  // operations finish on the first poll by default.
  const lro = new LroManager(clock, {
    polls: options.lroPolls ?? (clock.isManual ? 0 : 1),
    retryAfterSeconds: retryAfter,
  });
  const ctx: SandboxContext = {
    store: new MemoryStore(),
    clock,
    lro,
    router,
    pageSize: options.pageSize ?? 20,
    encryptionSeconds: options.encryptionSeconds ?? 120,
    subscriptions: [],
    directory: new Directory(),
    features: new Map(),
  };
  const ade = new AdeSimulator(ctx);
  registerSignIn(router, {
    directory: ctx.directory,
    subscriptions: ctx.subscriptions,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
  });
  registerSubscriptions(ctx);
  registerCompute(ctx, ade);
  registerKeyVault(ctx);
  registerAuthorization(ctx);
  registerFeatures(ctx);
  registerDiskUpload(ctx);
  lro.register(router);
  loadScenario(ctx, ade, resolveScenario(options));
  return { ctx, router, faults, log, ade };
}
