import { ADE_RETIREMENT } from '../../../ade';
import type { PreflightRule } from '../rule';

export const alreadyEncrypted: PreflightRule = {
  id: 'alreadyEncrypted',
  severity: 'info',
  source: 'cli',
  operations: ['enable'],
  check({ t }) {
    if (!t.hasAde || t.legacy) return undefined;
    return {
      ok: true,
      message: 'ADE is already present; running enable again re-runs the extension (e.g. to add or rotate the KEK).',
    };
  },
};

export const retirement: PreflightRule = {
  id: 'retirement',
  severity: 'warning',
  source: 'docs',
  ref: ADE_RETIREMENT.source,
  operations: ['enable'],
  check: () => ({
    ok: true,
    message: `ADE retires on ${ADE_RETIREMENT.date}; consider encryption at host for new workloads.`,
  }),
};
