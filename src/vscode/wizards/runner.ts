import * as vscode from 'vscode';
import type { ActivityLog, ActivityStep } from '../activityLog';
import { AzureLayerBackend } from '../explorer/azureBackend';
import type { ExplorerProvider } from '../explorer/explorerProvider';
import type { NodeDescriptor } from '../explorer/model/types';
import { describeResult, executePlan, type Plan, type PlanResult } from './engine/plan';
import { isWizardCancelled, type Prompter } from './engine/prompter';
import { VscodePrompter } from './engine/vscodePrompter';
import { runPromptSteps, type PromptStep } from './engine/wizard';
import { createServices, type AzureModule, type WizardServices } from './services';

/** Options a caller (tests, other features) may pass as the command's argument. */
export interface WizardOptions {
  readonly prompter?: Prompter;
  /** ARM id of the VM, scale set or vault to start from (like a tree node). */
  readonly target?: string;
  /** Following the disks: shorter waits (tests drive the sandbox clock meanwhile). */
  readonly follow?: { readonly timeoutMs?: number; readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Skip the notification's progress UI (tests); cancellation still works through `signal`. */
  readonly signal?: AbortSignal;
}

export type WizardOutcome =
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'refused'; readonly message: string }
  | { readonly outcome: 'exported'; readonly document: vscode.TextDocument }
  | { readonly outcome: 'document'; readonly document: vscode.TextDocument }
  | { readonly outcome: 'applied' | 'failed' | 'stopped'; readonly result: PlanResult; readonly message: string };

export function isWizardOptions(x: unknown): x is WizardOptions {
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    !('kind' in x && 'ref' in x) &&
    ('prompter' in x || 'target' in x || 'follow' in x || 'signal' in x)
  );
}

export function asNode(arg: unknown): NodeDescriptor | undefined {
  return arg && typeof arg === 'object' && 'id' in arg && 'kind' in arg && 'ref' in arg
    ? (arg as NodeDescriptor)
    : undefined;
}

/** The tree node (context menu) or options (tests) from a command's arguments. */
export function parseArgs(args: readonly unknown[]): { node?: NodeDescriptor; options: WizardOptions } {
  const node = asNode(args[0]);
  const options = (args.find(isWizardOptions) as WizardOptions | undefined) ?? {};
  return { ...(node ? { node } : {}), options };
}

export class NoSourceError extends Error {}

/** The explorer's current connection (sandbox or signed-in Azure) as wizard services. */
export async function servicesFor(explorer: ExplorerProvider): Promise<WizardServices> {
  const store = explorer.store;
  const backend = store?.backend;
  if (!store || !(backend instanceof AzureLayerBackend)) {
    throw new NoSourceError('Sign in to Azure or open the sandbox first: the wizards work on what the explorer shows.');
  }
  const az: AzureModule = await import('#lazy/azure');
  return createServices(az, backend.factory, store, backend.kind);
}

export class WizardHost {
  constructor(
    readonly explorer: ExplorerProvider,
    readonly log: ActivityLog,
  ) {}

  prompter(options: WizardOptions): Prompter {
    return options.prompter ?? new VscodePrompter();
  }

  /** Runs the prompt steps; undefined when the person cancelled (quietly). */
  async ask<C extends object>(
    steps: readonly PromptStep<C>[],
    initial: C,
    options: WizardOptions,
  ): Promise<C | undefined> {
    try {
      const run = await runPromptSteps(steps, initial, this.prompter(options));
      return run.context;
    } catch (err) {
      if (isWizardCancelled(err)) return undefined;
      throw err;
    }
  }

  /**
   * Applies a plan with a cancellable notification and one activity-log entry with a line per step,
   * then refreshes the affected tree nodes. On failure, says what was applied and what was not.
   */
  async apply(
    plan: Plan,
    s: WizardServices,
    options: WizardOptions,
    refreshIds: readonly string[],
  ): Promise<WizardOutcome> {
    const entry = this.log.start(plan.title);
    const started = new Map<string, ActivityStep>();
    const run = (signal: AbortSignal, progress?: vscode.Progress<{ message?: string; increment?: number }>) =>
      executePlan(plan, {
        signal,
        describe: (err) => s.az.describeAzureError(err),
        isAbort: (err) => s.az.isAbortError(err),
        onProgress: (message, i, n) => progress?.report({ message: `(${i + 1}/${n}) ${message}` }),
        onStepStart: (title) => started.set(title, entry.step(title)),
        onStepEnd: (o) =>
          (started.get(o.title) ?? entry.step(o.title)).end(
            o.outcome === 'cancelled' ? 'skipped' : o.outcome,
            o.detail,
          ),
      });
    const work = async (signal: AbortSignal, progress?: vscode.Progress<{ message?: string }>) => {
      const busy = refreshIds[0];
      return busy
        ? this.explorer.runOnNode(busy, 'Applying', () => run(signal, progress), { refreshAfter: false })
        : run(signal, progress);
    };
    let result: PlanResult;
    if (options.signal) {
      result = await work(options.signal);
    } else {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: plan.title, cancellable: true },
        (progress, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          return work(ac.signal, progress);
        },
      );
    }
    const summary = describeResult(result);
    entry.end(result.outcome, result.outcome === 'succeeded' ? undefined : summary);
    for (const id of refreshIds) await this.refreshNode(id);
    if (result.outcome === 'succeeded') {
      const last = result.steps.at(-1)?.detail ?? '';
      const message = `${plan.title}: done. ${last}`;
      if (!options.prompter) void vscode.window.showInformationMessage(message);
      return { outcome: 'applied', result, message };
    }
    if (result.outcome === 'cancelled') {
      // Quiet: a status-bar line, no dialog. What was sent stays sent.
      const message = `${plan.title}: stopped. ${summary}`;
      vscode.window.setStatusBarMessage(message, 8000);
      return { outcome: 'stopped', result, message };
    }
    const message = `${plan.title} failed: ${result.error ?? 'unknown error'} ${summary}`;
    if (!options.prompter)
      void vscode.window.showErrorMessage(message, 'Show Activity Log').then((c) => c && this.log.show());
    return { outcome: 'failed', result, message };
  }

  private async refreshNode(id: string): Promise<void> {
    const node = this.explorer.findNode(id);
    if (node) await this.explorer.refresh(node).catch(() => undefined);
    else {
      // Not shown in the tree yet: drop the cached subscription so the next expand reads fresh data.
      const sub = /\/subscriptions\/([^/]+)/i.exec(id)?.[1];
      if (sub) this.explorer.store?.resetSubscription(sub);
    }
  }

  async openDocument(content: string, language: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument({ content, language });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  /** Shows a refusal (a VM the wizard can't work on) and returns it as the outcome. */
  refuse(message: string, options: WizardOptions): WizardOutcome {
    if (!options.prompter) void vscode.window.showWarningMessage(message);
    return { outcome: 'refused', message };
  }

  /** Turns an unexpected error into plain words with a next step. */
  async fail(err: unknown, title: string, options: WizardOptions): Promise<WizardOutcome> {
    if (isWizardCancelled(err)) return { outcome: 'cancelled' };
    let message: string;
    if (err instanceof NoSourceError) message = err.message;
    else {
      const az: AzureModule = await import('#lazy/azure');
      const plain = az.describeAzureError(err);
      message = `${title}: ${plain.message}${plain.fix ? ` ${plain.fix}` : ''}`;
    }
    this.log.error(message);
    if (!options.prompter) {
      if (err instanceof NoSourceError)
        void vscode.window.showInformationMessage(message, 'Open Sandbox', 'Sign In').then((c) => {
          if (c === 'Open Sandbox') void vscode.commands.executeCommand('ade.openSandbox');
          if (c === 'Sign In') void vscode.commands.executeCommand('ade.signIn');
        });
      else void vscode.window.showErrorMessage(message);
    }
    return { outcome: 'refused', message };
  }
}
