import * as vscode from 'vscode';

/** One entry per user-visible run (a wizard, a refresh, a lint of the workspace) with its steps. */
export interface ActivityEntry {
  readonly title: string;
  step(name: string): ActivityStep;
  end(outcome: 'succeeded' | 'failed' | 'cancelled', detail?: string): void;
}

export interface ActivityStep {
  end(outcome: 'succeeded' | 'failed' | 'skipped', detail?: string): void;
}

/**
 * The activity log: a log output channel that keeps one block per run with step durations, so
 * a user can see afterwards what was applied and what was not.
 */
export class ActivityLog implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly entries: { title: string; outcome?: string }[] = [];

  constructor(name = 'Azure Disk Encryption') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Titles and outcomes of the runs so far (newest last); used by tests and the summary view. */
  get history(): readonly { title: string; outcome?: string }[] {
    return this.entries;
  }

  info(message: string): void {
    this.channel.info(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  start(title: string): ActivityEntry {
    const record: { title: string; outcome?: string } = { title };
    this.entries.push(record);
    const t0 = Date.now();
    this.channel.info(`▶ ${title}`);
    return {
      title,
      step: (name) => {
        const s0 = Date.now();
        return {
          end: (outcome, detail) =>
            this.channel.info(`  ${stepMark(outcome)} ${name} (${Date.now() - s0} ms)${detail ? `: ${detail}` : ''}`),
        };
      },
      end: (outcome, detail) => {
        record.outcome = outcome;
        const line = `■ ${title}: ${outcome} in ${Date.now() - t0} ms${detail ? ` (${detail})` : ''}`;
        if (outcome === 'failed') this.channel.error(line);
        else this.channel.info(line);
      },
    };
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function stepMark(outcome: 'succeeded' | 'failed' | 'skipped'): string {
  return outcome === 'succeeded' ? '✓' : outcome === 'failed' ? '✗' : '–';
}
