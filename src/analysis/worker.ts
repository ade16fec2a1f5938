/**
 * Worker-thread entry for linting off the main thread (bundled to dist/lint-worker.js).
 *
 * - For the CLI: says `{ ready }` once loaded, then receives `{ id, task }` messages and answers
 *   `{ id, result }`. Each worker keeps its parsers warm across files, which is where the
 *   parallel speed-up comes from.
 * - For the editor (`workerData.editor`): the protocol of `editor/protocol.ts`, served by
 *   `editor/worker-main.ts`, with the per-document incremental state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isEditorWorkerData, serveEditor } from './editor/worker-main';
import { runLintTask, type LintTask } from './engine/task';
import type { LintResult } from './engine/types';

export interface WorkerRequest {
  readonly id: number;
  readonly task: LintTask;
}

export interface WorkerResponse {
  readonly id: number;
  readonly result: LintResult;
}

/** Sent once when the worker has loaded and can take tasks. */
export interface WorkerReady {
  readonly ready: true;
}

export type WorkerMessage = WorkerResponse | WorkerReady;

const port = parentPort;
const data: unknown = workerData;
if (port && isEditorWorkerData(data)) {
  serveEditor(port, data);
} else if (port) {
  port.on('message', (msg: WorkerRequest) => {
    void runLintTask(msg.task).then((result) => port.postMessage({ id: msg.id, result } satisfies WorkerResponse));
  });
  port.postMessage({ ready: true } satisfies WorkerReady);
}
