// Public types of the sandbox. Kept free of implementation imports so that the Azure layer (and the
// extension's sandbox mode) can depend on them without pulling in the router.
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/core-auth';
import type { ScenarioData } from './scenarios/model';

export type { ScenarioData } from './scenarios/model';

export interface FaultRule {
  match: { method?: string; pathIncludes?: string };
  /** throttle: 429 + Retry-After; serverError: 500; drop: connection reset; latency: delay then answer normally. */
  kind: 'throttle' | 'serverError' | 'drop' | 'latency';
  /** How many matching requests the rule affects; unlimited when omitted. */
  times?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export interface SandboxOptions {
  /** Built-in scenario name ('default' | 'empty' | 'large') or scenario data. Default: 'default'. */
  scenario?: string | ScenarioData;
  /** Replaces the scenario with a generated estate (deterministic for a given seed). */
  generate?: { subscriptions: number; vmsPerSubscription: number };
  /** Fixed latency added to every request (real milliseconds). */
  latencyMs?: number;
  faults?: FaultRule[];
  /** 'real': simulated time follows the wall clock; 'manual': time only moves with advance(). Default 'real'. */
  clock?: 'real' | 'manual';
  /** With the real clock: simulated seconds per real second (e.g. 10 makes a 120 s encryption take 12 s). Default 1. */
  timeScale?: number;
  seed?: number;
  /** Items per page for list operations (nextLink paging). Default 20. */
  pageSize?: number;
  /** Polls that report InProgress before a long-running operation finishes. Default 0 (manual clock) or 1 (real clock). */
  lroPolls?: number;
  /** Retry-After (seconds) sent with long-running operation responses. Default 0 (manual clock) or 1 (real clock). */
  lroRetryAfterSeconds?: number;
  /** Simulated seconds a disk stays in EncryptionInProgress after ADE was accepted. Default 120. */
  encryptionSeconds?: number;
  /** Lifetime of the access tokens the sandbox issues (wall-clock seconds). Default 3600. */
  tokenLifetimeSeconds?: number;
  /** The principal `credential` signs in as (a scenario principal's name). Default: `ade-operator`. */
  principal?: string;
}

/** A service principal that can sign in to the sandbox (client credentials). */
export interface SandboxPrincipalInfo {
  name: string;
  appId: string;
  objectId: string;
  secret: string;
}

export interface SandboxSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
}

/** Raw access to the sandbox's resources, keyed by ARM id (case-insensitive). */
export interface SandboxStore {
  get(id: string): StoredResource | undefined;
  /** Every resource whose id starts with the prefix (case-insensitive), in insertion order. */
  list(prefix: string): StoredResource[];
  put(resource: StoredResource): void;
  delete(id: string): boolean;
}

/** An ARM resource as JSON; `id` is required, everything else is the resource's own shape. */
export interface StoredResource {
  id: string;
  [key: string]: unknown;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface Sandbox {
  /** Base URL to give the SDK clients ('https://management.sandbox.local' in-process). */
  readonly endpoint: string;
  readonly httpClient: HttpClient;
  /** Signs in as `options.principal` (default `ade-operator`) at the sandbox's token endpoint. */
  readonly credential: TokenCredential;
  /** The tenant the principals sign in to. */
  readonly tenantId: string;
  readonly principals: readonly SandboxPrincipalInfo[];
  /** A credential for another scenario principal (by name), e.g. the reader. */
  credentialFor(principal: string): TokenCredential;
  readonly subscriptions: readonly SandboxSubscription[];
  readonly store: SandboxStore;
  /** Moves simulated time forward and runs whatever became due (manual clock; also works with the real clock). */
  advance(seconds: number): void;
  readonly requestLog: readonly RequestLogEntry[];
  addFault(f: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface SandboxServer {
  endpoint: string;
  caCertPath: string;
  tenantId: string;
  principals: readonly SandboxPrincipalInfo[];
  subscriptions: readonly SandboxSubscription[];
  close(): Promise<void>;
}
