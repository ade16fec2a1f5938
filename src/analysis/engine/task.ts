import { lintPath } from './analyze';
import type { LintConfig } from './config';
import { fileIssue, describeFailure } from './guards';
import { nodeHost } from './node-host';
import type { LintResult } from './types';

/**
 * One file to lint, as plain data: what the CLI sends to a worker thread (or runs in its own
 * thread when there are only a few files).
 */
export interface LintTask {
  readonly file: string;
  readonly config: LintConfig;
  readonly parametersFile?: string;
  readonly followParameters: boolean;
}

/**
 * The CLI's time budget per file (per 32 KB) when `.ade-lint.json` sets no `budgetMs`: ten times
 * the editor's, because CI machines are shared and a file paused there fails the build.
 */
export const CLI_BUDGET_MS = 5000;

export async function runLintTask(task: LintTask): Promise<LintResult> {
  try {
    return await lintPath(task.file, {
      host: nodeHost,
      config: task.config,
      limit: { budgetMs: task.config.budgetMs ?? CLI_BUDGET_MS },
      parametersFile: task.parametersFile,
      followParameters: task.followParameters,
    });
  } catch (e) {
    // analyzeFile does not throw; this guards the reading and the worker plumbing.
    const { code, message } = describeFailure(e);
    return { file: task.file, kind: 'unknown', findings: [], issues: [fileIssue(task.file, code, message)] };
  }
}
