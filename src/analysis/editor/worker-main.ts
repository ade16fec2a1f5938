import type { MessagePort } from 'node:worker_threads';
import { describeFailure, fileIssue } from '../engine/guards';
import type { EngineHost } from '../engine/types';
import type { EditorWorkerData, FromWorker, ToWorker } from './protocol';
import { EditorLintService } from './service';

export function isEditorWorkerData(data: unknown): data is EditorWorkerData {
  return typeof data === 'object' && data !== null && (data as { editor?: unknown }).editor === true;
}

/**
 * Serves the editor's requests in a worker thread: lints one at a time, in order, and answers
 * each with a result or `cancelled`. File reads go to the host and are answered out of turn (the
 * running lint waits for them).
 */
export function serveEditor(port: MessagePort, data: EditorWorkerData): void {
  const cancelFlag = new Int32Array(data.cancel);
  const reads = new Map<number, (text: string | undefined) => void>();
  let nextRead = 0;
  const host: EngineHost = {
    readFile: (file) =>
      new Promise((resolve) => {
        const id = ++nextRead;
        reads.set(id, resolve);
        post({ type: 'read', id, file });
      }),
  };
  const service = new EditorLintService(host);
  let queue: Promise<unknown> = Promise.resolve();
  const post = (msg: FromWorker): void => port.postMessage(msg);
  const then = (work: () => unknown): void => {
    queue = queue.then(work).catch(() => undefined);
  };

  port.on('message', (msg: ToWorker) => {
    switch (msg.type) {
      case 'readResult':
        reads.get(msg.id)?.(msg.text);
        reads.delete(msg.id);
        return;
      case 'close':
        return then(() => service.close(msg.doc, msg.file));
      case 'configChanged':
        return then(() => service.configChanged());
      case 'lint':
      case 'analyze':
        return then(async () => {
          const cancelled = (): boolean => Atomics.load(cancelFlag, 0) === msg.id;
          try {
            if (cancelled()) return post({ type: 'cancelled', id: msg.id });
            const outcome =
              msg.type === 'lint' ? await service.lint(msg, cancelled) : await service.analyze(msg, cancelled);
            post(
              outcome === 'cancelled' ? { type: 'cancelled', id: msg.id } : { type: 'result', id: msg.id, ...outcome },
            );
          } catch (e) {
            // The engine does not throw; this guards the plumbing, so the host always gets an answer.
            const { code, message } = describeFailure(e);
            const result = {
              file: msg.file,
              kind: 'unknown' as const,
              findings: [],
              issues: [fileIssue(msg.file, code, message)],
            };
            post({ type: 'result', id: msg.id, result, notices: [] });
          }
        });
    }
  });
}
