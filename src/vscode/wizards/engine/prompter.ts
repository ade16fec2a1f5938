/**
 * What a wizard step may ask of a person. No `vscode` import: production uses a QuickPick-based
 * implementation (`vscodePrompter.ts`), tests a scripted one (`scriptedPrompter.ts`).
 */

/** Thrown by a prompter when the person pressed Back; the engine goes to the previous step. */
export class GoBack extends Error {
  constructor() {
    super('Back');
    this.name = 'GoBack';
  }
}

/** Thrown when the person closed a prompt (Escape): the wizard ends quietly. */
export class WizardCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'WizardCancelled';
  }
}

export interface StepPosition {
  /** 1-based. */
  readonly step: number;
  readonly totalSteps: number;
}

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** A heading between groups; never picked. */
  readonly separator?: boolean;
  /**
   * Shown but not selectable: picking it keeps the prompt open and shows this reason
   * (VS Code has no disabled quick-pick items).
   */
  readonly disabledReason?: string;
  /** Pre-selected in multi-select prompts. */
  readonly picked?: boolean;
  readonly value?: T;
}

export interface PickOptions<T> {
  readonly title: string;
  readonly placeholder?: string;
  /** A promise shows the prompt at once with a busy indicator while the list loads. */
  readonly items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  readonly position?: StepPosition;
  /** Back button (from step 2 on). */
  readonly canGoBack?: boolean;
  readonly matchOnDescription?: boolean;
}

export interface InputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly position?: StepPosition;
  readonly canGoBack?: boolean;
  /** Returns the problem in words, or undefined when the value is fine; runs as the person types. */
  readonly validate?: (value: string) => string | undefined;
}

export interface ConfirmOptions {
  readonly message: string;
  readonly detail?: string;
  /** Button labels; the answer is the label pressed, undefined when dismissed. */
  readonly actions: readonly string[];
}

export interface Prompter {
  pick<T>(options: PickOptions<T>): Promise<T>;
  pickMany<T>(options: PickOptions<T>): Promise<T[]>;
  input(options: InputOptions): Promise<string>;
  /** Modal confirmation. */
  confirm(options: ConfirmOptions): Promise<string | undefined>;
}

/**
 * By name, not `instanceof`: a prompter from another bundle (the integration tests) throws its own
 * copies of these classes.
 */
export function isGoBack(err: unknown): boolean {
  return err instanceof Error && err.name === 'GoBack';
}

export function isWizardCancelled(err: unknown): boolean {
  return err instanceof Error && err.name === 'WizardCancelled';
}

/** Items that can be chosen (not separators, not disabled). */
export function selectable<T>(items: readonly PickItem<T>[]): PickItem<T>[] {
  return items.filter((i) => !i.separator && !i.disabledReason);
}
