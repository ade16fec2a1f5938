import * as fs from 'node:fs';
import type { EngineHost } from './types';

/**
 * Reads files from the local disk (CLI, worker threads, tests). The reads are synchronous on
 * purpose: a batch lints one file at a time per thread, template files are small and usually in
 * the page cache, and an asynchronous read costs a round trip through libuv's thread pool per
 * file and module (about a third of the CLI's time went to waiting for those on a busy machine).
 */
export const nodeHost: EngineHost = {
  readFile(p: string): Promise<string | undefined> {
    try {
      return Promise.resolve(fs.readFileSync(p, 'utf8'));
    } catch {
      return Promise.resolve(undefined);
    }
  },
  fileSize(p: string): Promise<number | undefined> {
    try {
      return Promise.resolve(fs.statSync(p).size);
    } catch {
      return Promise.resolve(undefined);
    }
  },
};
