// The extension host's side of editor linting: a small pool of worker threads (dist/lint-worker.js)
// that do all the parsing and rule work, so no template can stall the extension host. No vscode
// import: unit tests drive it in plain Node.
import { Worker } from 'node:worker_threads';
import { BUDGET_UNIT_BYTES } from '../../analysis/model/budget';
import type { LintResult } from '../../analysis/engine/types';
import type { EditorSettings, EditorWorkerData, FromWorker, ToWorker } from '../../analysis/editor/protocol';

/** What a request came to. */
export type LintOutcome =
  | { readonly kind: 'result'; readonly result: LintResult; readonly notices: readonly string[] }
  /** A newer request for the same document replaced it (or the document was closed). */
  | { readonly kind: 'superseded' }
  /** The worker had to be stopped (it ran far past the budget, or crashed): the message says so. */
  | { readonly kind: 'stopped'; readonly message: string };

export interface LintWorkerOptions {
  readonly workerFile: string;
  /** Files the engine asks for (modules, linked templates): the editor's text first, then the disk. */
  readonly readFile: (file: string) => Promise<string | undefined>;
  /** At most this many workers (a second one keeps other files linting while one is slow). */
  readonly maxWorkers?: number;
  /** A worker still busy this long after the budget (scaled for the file) is terminated. */
  readonly graceMs?: number;
  /** An extra worker idle this long is stopped. */
  readonly idleMs?: number;
}

interface Job {
  readonly id: number;
  readonly doc?: string;
  readonly message: ToWorker & { readonly type: 'lint' | 'analyze' };
  readonly resolve: (o: LintOutcome) => void;
  settled: boolean;
}

interface Slot {
  readonly worker: Worker;
  readonly cancel: Int32Array;
  job?: Job;
  watchdog?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/**
 * Runs lint requests on up to `maxWorkers` threads, at most one request per thread at a time.
 * A document stays with the worker that holds its incremental state while that worker is free;
 * when it is busy with another file, the document moves to a free one. A newer request for a
 * document supersedes the queued or running one (the running one is cancelled mid-parse through
 * shared memory). A worker that overruns its budget by far, or dies, is replaced.
 */
export class LintWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Which worker holds each document's state. */
  private readonly home = new Map<string, Slot>();
  private nextId = 0;
  private disposed = false;
  private readonly maxWorkers: number;
  private readonly graceMs: number;
  private readonly idleMs: number;

  constructor(private readonly opts: LintWorkerOptions) {
    this.maxWorkers = Math.max(1, opts.maxWorkers ?? 2);
    this.graceMs = opts.graceMs ?? 10_000;
    this.idleMs = opts.idleMs ?? 60_000;
  }

  /** Lints an open document's text; supersedes what is queued or running for it. */
  lint(doc: string, file: string, text: string, settings: EditorSettings): Promise<LintOutcome> {
    this.supersede(doc);
    return this.enqueue(doc, (id) => ({ type: 'lint', id, doc, file, text, settings }));
  }

  /** Lints a file once, keeping no state (a workspace-wide lint). */
  analyze(file: string, text: string, settings: EditorSettings): Promise<LintOutcome> {
    return this.enqueue(undefined, (id) => ({ type: 'analyze', id, file, text, settings }));
  }

  /** A request for the document is queued or running. */
  isBusy(doc: string): boolean {
    return this.queue.some((j) => j.doc === doc) || this.slots.some((s) => s.job?.doc === doc && !s.job.settled);
  }

  /** Frees the document's state and drops its requests. */
  close(doc: string, file: string): void {
    this.supersede(doc);
    const slot = this.home.get(doc);
    this.home.delete(doc);
    slot?.worker.postMessage({ type: 'close', doc, file } satisfies ToWorker);
  }

  configChanged(): void {
    for (const s of this.slots) s.worker.postMessage({ type: 'configChanged' } satisfies ToWorker);
  }

  /** Live workers (tests). */
  get workerCount(): number {
    return this.slots.length;
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) settle(j, { kind: 'superseded' });
    for (const s of [...this.slots]) this.retire(s, { kind: 'superseded' });
  }

  private enqueue(doc: string | undefined, build: (id: number) => Job['message']): Promise<LintOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'superseded' });
    return new Promise((resolve) => {
      const id = ++this.nextId;
      this.queue.push({ id, doc, message: build(id), resolve, settled: false });
      this.dispatch();
    });
  }

  private supersede(doc: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const j = this.queue[i]!;
      if (j.doc === doc) {
        this.queue.splice(i, 1);
        settle(j, { kind: 'superseded' });
      }
    }
    for (const s of this.slots) {
      const j = s.job;
      if (j?.doc !== doc || j.settled) continue;
      // The worker sees this between two steps of the parse and answers `cancelled`.
      Atomics.store(s.cancel, 0, j.id);
      settle(j, { kind: 'superseded' });
    }
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i]!;
      const slot = this.slotFor(job);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(slot, job);
    }
  }

  /** The document's own worker when free; else any free one (the state moves); else a new one if allowed. */
  private slotFor(job: Job): Slot | undefined {
    const own = job.doc === undefined ? undefined : this.home.get(job.doc);
    if (own && !own.job) return own;
    // Its own worker is finishing a cancelled request for it: wait there, the state is warm.
    if (own && own.job?.doc === job.doc) return undefined;
    const free = this.slots.find((s) => !s.job);
    if (free) return free;
    if (this.slots.length < this.maxWorkers) return this.spawn();
    return undefined;
  }

  private start(slot: Slot, job: Job): void {
    if (job.doc !== undefined) {
      const previous = this.home.get(job.doc);
      if (previous && previous !== slot) {
        previous.worker.postMessage({ type: 'close', doc: job.doc, file: job.message.file } satisfies ToWorker);
      }
      this.home.set(job.doc, slot);
    }
    clearTimeout(slot.idle);
    slot.job = job;
    const allowed = job.message.settings.budgetMs * Math.max(1, job.message.text.length / BUDGET_UNIT_BYTES);
    slot.watchdog = setTimeout(() => {
      const seconds = Math.round((allowed + this.graceMs) / 1000);
      this.retire(slot, {
        kind: 'stopped',
        message:
          `The analysis of this file was stopped after ${seconds} s — findings paused for this file. ` +
          'Edit or reopen it to try again, or raise the ade.lint.budgetMs setting.',
      });
      this.dispatch();
    }, allowed + this.graceMs);
    try {
      slot.worker.postMessage(job.message);
    } catch (e) {
      // Data that cannot be sent is a defect here, not the file's: say so and free the worker.
      clearTimeout(slot.watchdog);
      slot.job = undefined;
      settle(job, { kind: 'stopped', message: `The file could not be sent for analysis: ${String(e)}` });
    }
  }

  private spawn(): Slot {
    const cancel = new SharedArrayBuffer(4);
    const workerData: EditorWorkerData = { editor: true, cancel };
    const worker = new Worker(this.opts.workerFile, { workerData });
    const slot: Slot = { worker, cancel: new Int32Array(cancel) };
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on('error', (e) => this.onExit(slot, `the analysis crashed: ${e.message}`));
    worker.on('exit', () => this.onExit(slot, 'the analysis stopped unexpectedly'));
    // An idle extension host must not be kept alive by its workers.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'read') {
      void this.opts.readFile(msg.file).then(
        (text) => slot.worker.postMessage({ type: 'readResult', id: msg.id, text } satisfies ToWorker),
        () => slot.worker.postMessage({ type: 'readResult', id: msg.id } satisfies ToWorker),
      );
      return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    clearTimeout(slot.watchdog);
    slot.job = undefined;
    if (msg.type === 'result') settle(job, { kind: 'result', result: msg.result, notices: msg.notices });
    else settle(job, { kind: 'superseded' });
    this.idleLater(slot);
    this.dispatch();
  }

  private onExit(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    this.retire(slot, { kind: 'stopped', message: `The ${message} — findings paused for this file.` });
    this.dispatch();
  }

  /** Stops a worker; its job ends with `outcome` and its documents lose their state. */
  private retire(slot: Slot, outcome: LintOutcome): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    clearTimeout(slot.watchdog);
    clearTimeout(slot.idle);
    for (const [doc, s] of this.home) if (s === slot) this.home.delete(doc);
    if (slot.job) settle(slot.job, outcome);
    slot.job = undefined;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
  }

  /** Workers beyond the first stop after a while without work (each holds a parser and its memory). */
  private idleLater(slot: Slot): void {
    if (this.slots[0] === slot) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (!slot.job && this.slots.includes(slot)) this.retire(slot, { kind: 'superseded' });
    }, this.idleMs);
    slot.idle.unref();
  }
}

function settle(job: Job, outcome: LintOutcome): void {
  if (job.settled) return;
  job.settled = true;
  job.resolve(outcome);
}
