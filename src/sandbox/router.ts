// Transport-independent request handling: the in-process HttpClient and the HTTPS server both hand requests to
// Router.handle, so sandbox mode and the socket server cannot drift apart.
import { ArmError, missingApiVersion, noRoute, unauthenticated } from './arm-errors';
import type { FaultEngine } from './faults';
import type { SimClock } from './clock';
import type { RequestLogEntry } from './types';

export interface SandboxRequest {
  method: string;
  url: URL;
  /** Path with duplicate slashes collapsed (some SDKs send `//subscriptions/...` for scope parameters). */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** Fields of an `application/x-www-form-urlencoded` body (the token endpoint's requests). */
  form?: Record<string, string>;
  /** Who is calling, once the bearer token was verified (ARM routes only). */
  caller?: Caller;
}

/** The signed-in principal behind an ARM request, from its verified token. */
export interface Caller {
  objectId: string;
  appId: string;
  tenantId: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** 'drop' means: reset the connection without answering. */
export type RouteOutcome = SandboxResponse | { drop: true };

export type Params = Record<string, string>;
export type Handler = (req: SandboxRequest, params: Params) => SandboxResponse;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
  /** Sign-in and metadata endpoints: no bearer token, no api-version. */
  isPublic: boolean;
}

export interface RouterDeps {
  clock: SimClock;
  faults: FaultEngine;
  latencyMs: number;
  log: RequestLogEntry[];
  /** Verifies the bearer token of an ARM request; throws the ArmError ARM would answer. */
  authenticate?: (req: SandboxRequest) => Caller;
  /** Checks the caller's role assignments for the request; throws 403 AuthorizationFailed. */
  authorize?: (req: SandboxRequest, caller: Caller) => void;
}

/** Parses a request body as the transports receive it: JSON for ARM, form fields for the token endpoint. */
export function parseBody(
  text: string | undefined,
  contentType: string | undefined,
): { body?: unknown; form?: Record<string, string>; error?: string } {
  if (!text) return {};
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    return { form: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly deps: RouterDeps) {}

  /** Pattern segments: `{name}` matches one segment, `{name*}` matches the rest (possibly several segments). */
  add(method: string, pattern: string, handler: Handler): void {
    this.addRoute(method, pattern, handler, false);
  }

  /** A route outside ARM's authentication (cloud metadata, sign-in); matched before the ARM routes. */
  addPublic(method: string, pattern: string, handler: Handler): void {
    this.addRoute(method, pattern, handler, true);
  }

  private addRoute(method: string, pattern: string, handler: Handler, isPublic: boolean): void {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)(\*?)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1] ?? '');
        return m[2] ? '(.*)' : '([^/]+)';
      })
      .join('/');
    const route = { method: method.toUpperCase(), regex: new RegExp(`^${source}$`, 'i'), names, handler, isPublic };
    if (isPublic) this.routes.unshift(route);
    else this.routes.push(route);
  }

  async handle(req: SandboxRequest, signal?: AbortSignalLikeMinimal): Promise<RouteOutcome> {
    const fault = this.deps.faults.take(req.method, req.path);
    const delay = this.deps.latencyMs + (fault?.kind === 'latency' ? (fault.latencyMs ?? 1000) : 0);
    if (delay > 0) await sleep(delay, signal);
    let outcome: RouteOutcome;
    if (fault?.kind === 'drop') outcome = { drop: true };
    else if (fault?.kind === 'throttle') {
      const retryAfter = String(fault.retryAfterSeconds ?? 1);
      outcome = errorResponse(
        new ArmError(
          429,
          'TooManyRequests',
          'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.',
          { 'retry-after': retryAfter },
        ),
      );
    } else if (fault?.kind === 'serverError') {
      outcome = errorResponse(
        new ArmError(
          500,
          'InternalServerError',
          'Encountered internal server error. Diagnostic information: sandbox fault injection.',
        ),
      );
    } else outcome = this.dispatch(req);
    this.deps.log.push({ method: req.method, path: req.path, status: 'drop' in outcome ? 0 : outcome.status });
    return outcome;
  }

  private match(req: SandboxRequest): { route: Route; params: Params } | undefined {
    for (const r of this.routes) {
      if (r.method !== req.method) continue;
      const m = r.regex.exec(req.path);
      if (!m) continue;
      const params: Params = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: r, params };
    }
    return undefined;
  }

  private dispatch(req: SandboxRequest): SandboxResponse {
    try {
      const match = this.match(req);
      if (match?.route.isPublic) return match.route.handler(req, match.params);
      const auth = req.headers['authorization'] ?? '';
      if (!/^Bearer\s+\S+/i.test(auth)) throw unauthenticated();
      const caller = this.deps.authenticate?.(req);
      if (caller) req.caller = caller;
      if (!req.url.searchParams.get('api-version')) throw missingApiVersion();
      this.deps.clock.runDue();
      if (!match) throw noRoute(req.method, req.path);
      if (caller) this.deps.authorize?.(req, caller);
      return match.route.handler(req, match.params);
    } catch (e) {
      if (e instanceof ArmError) return errorResponse(e);
      const message = e instanceof Error ? e.message : String(e);
      return errorResponse(new ArmError(500, 'InternalServerError', `Sandbox error: ${message}`));
    }
  }
}

export function errorResponse(e: ArmError): SandboxResponse {
  return { status: e.status, headers: { ...e.headers, 'x-ms-failure-cause': 'service' }, body: e.toBody() };
}

/** The subset of AbortSignal both transports can provide. */
export interface AbortSignalLikeMinimal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class SandboxAbortError extends Error {
  override readonly name = 'AbortError';
}

function sleep(ms: number, signal?: AbortSignalLikeMinimal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SandboxAbortError('The operation was aborted.'));
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new SandboxAbortError('The operation was aborted.'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): SandboxResponse {
  return headers ? { status, body, headers } : { status, body };
}
