import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileIssue } from '../analysis/engine/guards';
import { runLintTask, type LintTask } from '../analysis/engine/task';
import type { LintResult } from '../analysis/engine/types';
import type { WorkerMessage, WorkerRequest } from '../analysis/worker';

/** Below this many files, starting workers (and their parsers) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 4;

/** A file taking longer than this is reported as timed out, and its worker replaced. */
export const DEFAULT_TASK_TIMEOUT_MS = 60_000;

export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

export interface PoolOptions {
  readonly workerFile: string;
  /** Worker count; 0 lints in this thread. */
  readonly workers: number;
  readonly timeoutMs?: number;
  /**
   * Whether this thread lints too while the workers run (default true): it starts at once,
   * while the workers are still loading, and uses the core the workers leave free. It takes
   * files from the front of the list and the workers from the back, so files of one folder
   * (which read the same modules, see bicep/syntax-cache.ts) tend to stay on one thread.
   */
  readonly lintInThisThread?: boolean;
}

/**
 * Lints the tasks, in parallel on worker threads when worth it, and returns results in task
 * order. A worker that crashes or exceeds the time limit is replaced; its file gets an issue
 * instead of taking the whole run down (a hang in one template must not hang CI).
 */
export async function lintInPool(tasks: readonly LintTask[], opts: PoolOptions): Promise<LintResult[]> {
  const size = Math.min(opts.workers, tasks.length);
  if (size === 0 || tasks.length < MIN_FILES_FOR_WORKERS || !fs.existsSync(opts.workerFile)) {
    const out: LintResult[] = [];
    for (const t of tasks) out.push(await runLintTask(t));
    return out;
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  const results: LintResult[] = new Array<LintResult>(tasks.length);
  // Tasks [front, back] are still to do; this thread takes the front, workers the back.
  let front = 0;
  let back = tasks.length - 1;

  const workersDone = new Promise<void>((resolve) => {
    let running = 0;
    const startWorker = (): void => {
      const worker = new Worker(opts.workerFile);
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      running++;

      const finish = (): void => {
        running--;
        if (running === 0) resolve();
      };
      const dispatch = (): void => {
        if (front > back) {
          void worker.terminate();
          return;
        }
        current = back--;
        timer = setTimeout(
          () => fail(`timed out after ${Math.round(timeoutMs / 1000)} s (the file was not analysed)`, 'timeout'),
          timeoutMs,
        );
        worker.postMessage({ id: current, task: tasks[current]! } satisfies WorkerRequest);
      };
      // Marks the current file as failed and moves its remaining work to a fresh worker.
      const fail = (message: string, code: string): void => {
        clearTimeout(timer);
        worker.removeAllListeners();
        void worker.terminate();
        if (current >= 0 && results[current] === undefined) {
          const file = tasks[current]!.file;
          results[current] = { file, kind: 'unknown', findings: [], issues: [fileIssue(file, code, message)] };
        }
        finish();
        // A worker that failed before taking a task (a broken worker file) is not replaced:
        // what is left runs in this thread below, instead of respawning forever.
        if (front <= back && current >= 0) startWorker();
      };

      worker.on('message', (msg: WorkerMessage) => {
        if ('ready' in msg) return dispatch();
        clearTimeout(timer);
        results[msg.id] = msg.result;
        dispatch();
      });
      worker.on('error', (e) => fail(`the analysis crashed: ${e.message}`, 'internal-error'));
      worker.on('exit', () => {
        clearTimeout(timer);
        if (current >= 0 && results[current] === undefined) fail('the analysis stopped unexpectedly', 'internal-error');
        else finish();
      });
      // The first task goes out when the worker says it is ready: start-up time is not the
      // file's fault, and a worker that cannot load never gets one.
    };
    for (let i = 0; i < size; i++) startWorker();
  });
  if (opts.lintInThisThread !== false) {
    while (front <= back) {
      const i = front++;
      results[i] = await runLintTask(tasks[i]!);
      // Lets the workers' messages in: a lint resolves without giving the event loop a turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await workersDone;
  for (let i = 0; i < tasks.length; i++) results[i] ??= await runLintTask(tasks[i]!);
  return results;
}
