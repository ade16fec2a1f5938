import { SOURCES } from './sources';

/**
 * ADE retirement: from this date ADE-encrypted disks fail to unlock after a reboot. The notice is on every
 * ADE page of Microsoft Learn; the migration guide is the page that acts on it.
 */
export const ADE_RETIREMENT = {
  date: '2028-09-15',
  longDate: '15 September 2028',
  source: SOURCES.migrate,
} as const;

/** Whole days from `now` until the retirement date (0 once it has passed). */
export function daysUntilRetirement(now: Date): number {
  const [y, m, d] = ADE_RETIREMENT.date.split('-').map(Number);
  const end = Date.UTC(y!, m! - 1, d!);
  return Math.max(0, Math.ceil((end - now.getTime()) / 86_400_000));
}
