// Long-running operations in the Azure-AsyncOperation style: the initial response carries
// Azure-AsyncOperation + Location headers; polling returns InProgress a configurable number of times, then the
// operation's completion callback decides Succeeded or Failed. An operation nobody polls still completes on the
// simulated clock, so sandbox mode does not depend on the caller waiting.
import type { SimClock } from './clock';
import type { Router, SandboxRequest, SandboxResponse } from './router';
import { ok } from './router';
import { ArmError, resourceNotFound } from './arm-errors';
import { stableGuid } from './ids';

/** `output`: the operation's result body (Run Command's RunCommandResult, a disk's access SAS). */
export type LroResult =
  { status: 'Succeeded'; output?: unknown } | { status: 'Failed'; error: { code: string; message: string } };

interface Operation {
  id: string;
  pollsLeft: number;
  startTime: string;
  endTime?: string;
  result?: LroResult;
  complete: () => LroResult;
}

export interface LroConfig {
  polls: number;
  retryAfterSeconds: number;
}

export class LroManager {
  private readonly ops = new Map<string, Operation>();
  private counter = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly config: LroConfig,
  ) {}

  /**
   * Registers an operation and returns the headers for the 201/202 answer. `complete` runs exactly once, when
   * the operation turns terminal.
   */
  start(
    req: SandboxRequest,
    subscriptionId: string,
    namespace: string,
    location: string,
    complete: () => LroResult,
  ): Record<string, string> {
    const id = stableGuid(`op-${++this.counter}-${subscriptionId}-${req.path}`);
    const op: Operation = { id, pollsLeft: this.config.polls, startTime: this.clock.iso(), complete };
    this.ops.set(id, op);
    // Fallback completion on simulated time (see file comment).
    this.clock.schedule(Math.max(1, this.config.polls * Math.max(1, this.config.retryAfterSeconds)), () =>
      this.finish(op),
    );
    const base = `${req.url.origin}/subscriptions/${subscriptionId}/providers/${namespace}/locations/${location.replace(/\s/g, '').toLowerCase()}`;
    const apiVersion = req.url.searchParams.get('api-version') ?? '';
    const q = `?api-version=${encodeURIComponent(apiVersion)}`;
    return {
      'azure-asyncoperation': `${base}/operations/${id}${q}`,
      location: `${base}/operationResults/${id}${q}`,
      'retry-after': String(this.config.retryAfterSeconds),
    };
  }

  register(router: Router): void {
    router.add('GET', '/subscriptions/{sub}/providers/{ns}/locations/{loc}/operations/{id}', (_req, p) => {
      const op = this.poll(p['id'] ?? '');
      const body: Record<string, unknown> = {
        name: op.id,
        startTime: op.startTime,
        status: op.result?.status ?? 'InProgress',
      };
      if (op.endTime) body['endTime'] = op.endTime;
      if (op.result?.status === 'Failed') body['error'] = op.result.error;
      if (op.result?.status === 'Succeeded' && op.result.output !== undefined) {
        body['properties'] = { output: op.result.output };
      }
      return ok(body, 200, op.result ? {} : { 'retry-after': String(this.config.retryAfterSeconds) });
    });
    router.add('GET', '/subscriptions/{sub}/providers/{ns}/locations/{loc}/operationResults/{id}', (req, p) => {
      const op = this.poll(p['id'] ?? '');
      if (!op.result) {
        return {
          status: 202,
          headers: { location: req.url.toString(), 'retry-after': String(this.config.retryAfterSeconds) },
        };
      }
      if (op.result.status === 'Failed') {
        throw new ArmError(400, op.result.error.code, op.result.error.message);
      }
      return ok(op.result.output ?? {}, 200);
    });
  }

  private poll(id: string): Operation {
    const op = this.ops.get(id);
    if (!op) throw resourceNotFound(`/operations/${id}`);
    if (!op.result) {
      if (op.pollsLeft > 0) op.pollsLeft--;
      else this.finish(op);
    }
    return op;
  }

  private finish(op: Operation): void {
    if (op.result) return;
    op.result = op.complete();
    op.endTime = this.clock.iso();
  }

  /** Answer for the initial PUT/DELETE of a long-running operation. */
  static accepted(status: number, body: unknown, headers: Record<string, string>): SandboxResponse {
    return body === undefined ? { status, headers } : { status, body, headers };
  }
}
