import * as vscode from 'vscode';
import {
  GoBack,
  WizardCancelled,
  type ConfirmOptions,
  type InputOptions,
  type PickItem,
  type PickOptions,
  type Prompter,
} from './prompter';

interface Item<T> extends vscode.QuickPickItem {
  readonly source: PickItem<T>;
}

function toItems<T>(items: readonly PickItem<T>[]): Item<T>[] {
  return items.map((i) =>
    i.separator
      ? { label: i.label, kind: vscode.QuickPickItemKind.Separator, source: i }
      : {
          label: i.label,
          ...(i.description !== undefined || i.disabledReason
            ? { description: i.disabledReason ? `$(circle-slash) ${i.description ?? i.disabledReason}` : i.description }
            : {}),
          ...(i.detail ? { detail: i.detail } : {}),
          ...(i.picked ? { picked: true } : {}),
          source: i,
        },
  );
}

/**
 * Multi-step quick input: `Step n of m` in the title bar, a Back button from step 2 on, prompts stay
 * open when focus moves (`ignoreFocusOut`). Disabled items show their reason instead of being accepted.
 */
export class VscodePrompter implements Prompter {
  pick<T>(o: PickOptions<T>): Promise<T> {
    return this.showPick(o, false).then((v) => v[0] as T);
  }

  pickMany<T>(o: PickOptions<T>): Promise<T[]> {
    return this.showPick(o, true);
  }

  private showPick<T>(o: PickOptions<T>, many: boolean): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const qp = vscode.window.createQuickPick<Item<T>>();
      const basePlaceholder = o.placeholder ?? '';
      qp.title = o.title;
      if (o.position) {
        qp.step = o.position.step;
        qp.totalSteps = o.position.totalSteps;
      }
      qp.placeholder = basePlaceholder;
      qp.ignoreFocusOut = true;
      qp.canSelectMany = many;
      qp.matchOnDescription = o.matchOnDescription ?? true;
      qp.matchOnDetail = true;
      qp.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      let settled = false;
      const setItems = (list: readonly PickItem<T>[]) => {
        const items = toItems(list);
        qp.items = items;
        if (many) qp.selectedItems = items.filter((i) => i.source.picked);
      };
      if (Array.isArray(o.items)) setItems(o.items as readonly PickItem<T>[]);
      else {
        // Show the step at once; the list arrives when Azure answers.
        qp.busy = true;
        qp.enabled = false;
        qp.placeholder = 'Loading…';
        Promise.resolve(o.items).then(
          (list) => {
            qp.busy = false;
            qp.enabled = true;
            qp.placeholder = basePlaceholder;
            setItems(list);
          },
          (err: unknown) => done(() => reject(err)),
        );
      }
      const done = (f: () => void) => {
        if (settled) return;
        settled = true;
        f();
        qp.dispose();
      };
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) done(() => reject(new GoBack()));
      });
      qp.onDidChangeActive(() => {
        // Restore the placeholder once the person moves on from a refused item.
        if (qp.placeholder !== basePlaceholder && !qp.activeItems[0]?.source.disabledReason)
          qp.placeholder = basePlaceholder;
      });
      qp.onDidAccept(() => {
        const chosen = many ? [...qp.selectedItems] : [...qp.activeItems];
        const refused = chosen.find((c) => c.source.disabledReason);
        if (refused) {
          // Refuse the pick and say why; the prompt stays open.
          qp.placeholder = `Not available: ${refused.source.disabledReason ?? ''}`;
          if (many) qp.selectedItems = qp.selectedItems.filter((i) => !i.source.disabledReason);
          return;
        }
        if (!chosen.length && !many) return;
        done(() => resolve(chosen.map((c) => c.source.value as T)));
      });
      qp.onDidHide(() => done(() => reject(new WizardCancelled())));
      qp.show();
    });
  }

  input(o: InputOptions): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.title = o.title;
      box.prompt = o.prompt;
      if (o.position) {
        box.step = o.position.step;
        box.totalSteps = o.position.totalSteps;
      }
      box.value = o.value ?? '';
      box.placeholder = o.placeholder ?? '';
      box.ignoreFocusOut = true;
      box.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      let settled = false;
      const done = (f: () => void) => {
        if (settled) return;
        settled = true;
        f();
        box.dispose();
      };
      const validate = (v: string) => {
        box.validationMessage = o.validate?.(v);
      };
      if (box.value) validate(box.value);
      box.onDidChangeValue(validate);
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) done(() => reject(new GoBack()));
      });
      box.onDidAccept(() => {
        const problem = o.validate?.(box.value);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        const v = box.value;
        done(() => resolve(v));
      });
      box.onDidHide(() => done(() => reject(new WizardCancelled())));
      box.show();
    });
  }

  async confirm(o: ConfirmOptions): Promise<string | undefined> {
    return vscode.window.showWarningMessage(
      o.message,
      { modal: true, ...(o.detail ? { detail: o.detail } : {}) },
      ...o.actions,
    );
  }
}
