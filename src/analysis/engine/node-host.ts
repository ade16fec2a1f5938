import { promises as fsp } from 'node:fs';
import type { EngineHost } from './types';

/** Reads files from the local disk (CLI, worker threads, tests). */
export const nodeHost: EngineHost = {
  async readFile(p: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  async fileSize(p: string): Promise<number | undefined> {
    try {
      return (await fsp.stat(p)).size;
    } catch {
      return undefined;
    }
  },
};
