/**
 * Messages between the editor's extension host and its lint workers (dist/lint-worker.js started
 * with `workerData.editor`). Plain data only: everything crosses a thread boundary.
 */
import type { LintResult } from '../engine/types';
import type { SeveritySetting } from '../model';

/** The editor's settings that shape a lint (a `.ade-lint.json` beside the file wins over them). */
export interface EditorSettings {
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly budgetMs: number;
}

/** Lint an open document; its incremental state is kept (under `doc`) for the next version. */
export interface LintRequest {
  readonly type: 'lint';
  readonly id: number;
  /** The document's key (its URI): one incremental linter per document. */
  readonly doc: string;
  /** The engine's name for it: a path for files on disk, the URI string otherwise. */
  readonly file: string;
  readonly text: string;
  readonly settings: EditorSettings;
}

/** Lint a file once, keeping nothing ("Lint Workspace Templates"). */
export interface AnalyzeRequest {
  readonly type: 'analyze';
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly settings: EditorSettings;
}

export type ToWorker =
  | LintRequest
  | AnalyzeRequest
  /** The document was closed: free its state. */
  | { readonly type: 'close'; readonly doc: string; readonly file: string }
  /** A `.ade-lint.json` changed: read config files again. */
  | { readonly type: 'configChanged' }
  /** The host's answer to a `read`. */
  | { readonly type: 'readResult'; readonly id: number; readonly text?: string };

export type FromWorker =
  | { readonly type: 'result'; readonly id: number; readonly result: LintResult; readonly notices: readonly string[] }
  /** The request was cancelled (a newer one replaced it) before it finished. */
  | { readonly type: 'cancelled'; readonly id: number }
  /** The engine wants a file (a module, a linked template): the host reads it, unsaved editor text first. */
  | { readonly type: 'read'; readonly id: number; readonly file: string };

/** `workerData` of an editor lint worker. */
export interface EditorWorkerData {
  readonly editor: true;
  /**
   * One Int32 the host sets to the id of a request it cancels; the worker polls it during a
   * parse, which no message could interrupt.
   */
  readonly cancel: SharedArrayBuffer;
}
