// One fuzz worker thread: lints each input it is sent, with the time budget, and says how it went.
import { parentPort } from 'node:worker_threads';
import { analyzeFile, nodeHost } from '../../src/analysis/engine';
import { Deadline } from '../../src/analysis/model';

export interface FuzzInput {
  readonly index: number;
  readonly file: string;
  readonly text: string;
  readonly budgetMs: number;
}

export interface FuzzOutcome {
  readonly index: number;
  readonly ms: number;
  /** The time the budget allowed this input (scaled for its size). */
  readonly allowedMs: number;
  /** A thrown error or an `internal-error` issue: a defect to fix. */
  readonly internalError?: string;
  /** The budget stopped it (a `too-complex` notice). */
  readonly stopped: boolean;
}

const port = parentPort;
if (port) {
  port.on('message', (input: FuzzInput) => {
    void run(input).then((o) => port.postMessage(o));
  });
}

async function run(input: FuzzInput): Promise<FuzzOutcome> {
  const limit = { budgetMs: input.budgetMs };
  const allowedMs = Deadline.forText(limit, input.text.length).allowedMs;
  const t0 = performance.now();
  try {
    const r = await analyzeFile(input.file, input.text, { host: nodeHost, limit });
    const ms = performance.now() - t0;
    const internal = r.issues.find((i) => i.code === 'internal-error');
    return {
      index: input.index,
      ms,
      allowedMs,
      stopped: r.issues.some((i) => i.code === 'too-complex'),
      ...(internal ? { internalError: internal.message } : {}),
    };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { index: input.index, ms: performance.now() - t0, allowedMs, stopped: false, internalError: message };
  }
}
