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

  constructor(private readonly mode: 'real' | 'manual') {}

  get isManual(): boolean {
    return this.mode === 'manual';
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    const real = this.mode === 'real' ? Date.now() - this.startReal : 0;
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
      const due = this.jobs.filter((j) => j.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
      if (due.length === 0) return;
      this.jobs = this.jobs.filter((j) => !due.includes(j));
      for (const j of due) j.run();
    }
  }
}
