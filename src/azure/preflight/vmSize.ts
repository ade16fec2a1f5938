import { unsupportedSize, type AdeOs } from '../../ade';

export interface SizeVerdict {
  readonly supported: boolean;
  readonly reason?: string;
}

/** Whether ADE runs on a VM size: the one table in src/ade, shared with the linter and the hovers. */
export function adeSizeVerdict(vmSize: string | undefined, os?: AdeOs): SizeVerdict {
  if (!vmSize) return { supported: true };
  const refusal = unsupportedSize(vmSize, os);
  if (!refusal) return { supported: true };
  return {
    supported: false,
    reason: `Azure Disk Encryption is not supported on ${refusal.reason} ('${vmSize.trim()}'); see ${refusal.source.title}.`,
  };
}
