import { throwIfAborted } from '../errors';

export interface BackoffOptions {
  readonly signal?: AbortSignal;
  /** First wait (default 5 s). */
  readonly initialDelayMs?: number;
  /** Longest wait between polls (default 60 s). */
  readonly maxDelayMs?: number;
  /** Give up after this long (default 3 h: Linux OS encryption takes hours). */
  readonly timeoutMs?: number;
  /** Injected wait, e.g. to drive a sandbox clock in tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      const e = new Error('The operation was aborted.');
      e.name = 'AbortError';
      reject(e);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      const e = new Error('The operation was aborted.');
      e.name = 'AbortError';
      reject(e);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `probe` until `done` says so, waiting 1.5× longer each time up to `maxDelayMs`. Returns the last
 * probe result and whether it finished before the timeout.
 */
export async function pollWithBackoff<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: BackoffOptions = {},
): Promise<{ value: T; finished: boolean; polls: number }> {
  const sleep = options.sleep ?? abortableSleep;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const timeout = options.timeoutMs ?? 3 * 60 * 60_000;
  let delay = options.initialDelayMs ?? 5_000;
  let waited = 0;
  let polls = 0;
  for (;;) {
    throwIfAborted(options.signal);
    const value = await probe();
    polls++;
    if (done(value)) return { value, finished: true, polls };
    if (waited >= timeout) return { value, finished: false, polls };
    await sleep(delay, options.signal);
    waited += delay;
    delay = Math.min(maxDelay, Math.ceil(delay * 1.5));
  }
}
