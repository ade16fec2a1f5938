// Simulated time. ADE encryption takes hours in Azure; the sandbox compresses it into simulated seconds that
// either follow the wall clock ('real', for sandbox mode) or move only when a test calls advance() ('manual').

export interface ScheduledJob {
  dueAt: number;
  run: () => void;
}

export class SimClock {
  private offsetMs = 0;
  private readonly startReal = Date.now();
  private readonly base = Date.UTC(2026, 0, 15, 9, 0, 0);
  private jobs: ScheduledJob[] = [];
  /** While a job runs, "now" is the job's due time, so follow-up jobs and timestamps chain correctly. */
  private runningAt: number | undefined;

  constructor(
    private readonly mode: 'real' | 'manual',
    /** Simulated seconds per real second (real mode only). */
    private readonly timeScale = 1,
  ) {}

  get isManual(): boolean {
    return this.mode === 'manual';
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    if (this.runningAt !== undefined) return this.runningAt;
    const real = this.mode === 'real' ? (Date.now() - this.startReal) * this.timeScale : 0;
    return this.base + real + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
    this.runDue();
  }

  schedule(delaySeconds: number, run: () => void): void {
    this.jobs.push({ dueAt: this.now() + delaySeconds * 1000, run });
  }

  /** Runs jobs whose time has come, oldest first; jobs may schedule further jobs. */
  runDue(): void {
    for (;;) {
      const now = this.now();
      const next = this.jobs.filter((j) => j.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next) return;
      this.jobs = this.jobs.filter((j) => j !== next);
      this.runningAt = next.dueAt;
      try {
        next.run();
      } finally {
        this.runningAt = undefined;
      }
    }
  }
}
