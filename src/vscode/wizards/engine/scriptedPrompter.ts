import {
  GoBack,
  WizardCancelled,
  type ConfirmOptions,
  type InputOptions,
  type PickItem,
  type PickOptions,
  type Prompter,
  type StepPosition,
} from './prompter';

/** One scripted answer: a label (exact, or its start) or pattern to pick, text to type, or a button. */
export type ScriptedAnswer =
  | string
  | RegExp
  | { readonly back: true }
  | { readonly cancel: true }
  | { readonly many: readonly (string | RegExp)[] };

export const BACK: ScriptedAnswer = { back: true };
export const CANCEL: ScriptedAnswer = { cancel: true };

/** What the wizard showed, for assertions. */
export interface PromptRecord {
  readonly kind: 'pick' | 'pickMany' | 'input' | 'confirm';
  readonly title: string;
  readonly position?: StepPosition;
  readonly placeholder?: string;
  readonly items?: readonly { label: string; description?: string; detail?: string; disabledReason?: string }[];
  readonly message?: string;
  readonly detail?: string;
  /** Reasons shown when a disabled item was picked or an input was refused. */
  readonly refusals: string[];
  readonly answer?: string;
}

function plain(label: string): string {
  return label.replace(/^\$\([^)]+\)\s*/, '');
}

function matches(item: { label: string; description?: string }, a: string | RegExp): boolean {
  const label = plain(item.label);
  if (typeof a === 'string') return label === a || label.startsWith(a);
  return a.test(`${label} ${item.description ?? ''}`);
}

/**
 * A prompter that answers from a list (tests). Picking a disabled item records the refusal and
 * takes the next answer, as a person would after reading the reason; so does an invalid input.
 */
export class ScriptedPrompter implements Prompter {
  readonly records: PromptRecord[] = [];
  private readonly answers: ScriptedAnswer[];

  constructor(answers: readonly ScriptedAnswer[]) {
    this.answers = [...answers];
  }

  /** Answers not used (a test asserts this is empty). */
  get remaining(): readonly ScriptedAnswer[] {
    return this.answers;
  }

  private next(title: string): ScriptedAnswer {
    const a = this.answers.shift();
    if (a === undefined) throw new Error(`No scripted answer left for "${title}".`);
    if (typeof a === 'object' && 'back' in a) throw new GoBack();
    if (typeof a === 'object' && 'cancel' in a) throw new WizardCancelled();
    return a;
  }

  private record<T>(kind: PromptRecord['kind'], o: PickOptions<T> & { items: readonly PickItem<T>[] }): PromptRecord {
    const r: PromptRecord = {
      kind,
      title: o.title,
      ...(o.position ? { position: { step: o.position.step, totalSteps: o.position.totalSteps } } : {}),
      ...(o.placeholder ? { placeholder: o.placeholder } : {}),
      items: o.items
        .filter((i) => !i.separator)
        .map((i) => ({
          label: plain(i.label),
          ...(i.description ? { description: i.description } : {}),
          ...(i.detail ? { detail: i.detail } : {}),
          ...(i.disabledReason ? { disabledReason: i.disabledReason } : {}),
        })),
      refusals: [],
    };
    this.records.push(r);
    return r;
  }

  async pick<T>(options: PickOptions<T>): Promise<T> {
    const o = { ...options, items: await options.items };
    const r = this.record('pick', o);
    for (;;) {
      const a = this.next(o.title);
      if (typeof a === 'object' && !(a instanceof RegExp)) throw new Error(`Expected one answer for "${o.title}".`);
      const item = o.items.find((i) => !i.separator && matches(i, a));
      if (!item) {
        throw new Error(
          `"${String(a)}" is not offered by "${o.title}": ${o.items.map((i) => plain(i.label)).join(' | ')}`,
        );
      }
      if (item.disabledReason) {
        r.refusals.push(item.disabledReason);
        continue;
      }
      (r as { answer?: string }).answer = plain(item.label);
      return item.value as T;
    }
  }

  async pickMany<T>(options: PickOptions<T>): Promise<T[]> {
    const o = { ...options, items: await options.items };
    this.record('pickMany', o);
    const a = this.next(o.title);
    const wanted = typeof a === 'object' && 'many' in a ? a.many : [a as string | RegExp];
    const chosen: PickItem<T>[] = o.items.filter(
      (i) => !i.separator && !i.disabledReason && wanted.some((w) => matches(i, w)),
    );
    return chosen.map((i) => i.value as T);
  }

  async input(o: InputOptions): Promise<string> {
    const r: PromptRecord = {
      kind: 'input',
      title: o.title,
      ...(o.position ? { position: { step: o.position.step, totalSteps: o.position.totalSteps } } : {}),
      message: o.prompt,
      refusals: [],
    };
    this.records.push(r);
    for (;;) {
      const a = this.next(o.title);
      if (typeof a !== 'string') throw new Error(`Expected text for "${o.title}".`);
      const problem = o.validate?.(a);
      if (problem) {
        r.refusals.push(problem);
        continue;
      }
      (r as { answer?: string }).answer = a;
      return a;
    }
  }

  async confirm(o: ConfirmOptions): Promise<string | undefined> {
    const r: PromptRecord = {
      kind: 'confirm',
      title: o.message,
      message: o.message,
      ...(o.detail ? { detail: o.detail } : {}),
      refusals: [],
    };
    this.records.push(r);
    const a = this.answers.shift();
    if (a === undefined || (typeof a === 'object' && ('cancel' in a || 'back' in a))) return undefined;
    const label = o.actions.find((x) =>
      typeof a === 'string' ? x === a || x.startsWith(a) : a instanceof RegExp && a.test(x),
    );
    (r as { answer?: string }).answer = label;
    return label;
  }
}
