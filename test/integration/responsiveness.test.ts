import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { NodeDescriptor } from '../../src/vscode/explorer/model/types';
import { activateExtension, waitFor, workspaceFile } from './helpers';

const codeOf = (d: vscode.Diagnostic): string | number | undefined =>
  typeof d.code === 'object' ? d.code.value : d.code;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ade-lint');
}

async function childOf(api: ExtensionApi, parent: NodeDescriptor | undefined, label: RegExp): Promise<NodeDescriptor> {
  const kids = await api.explorer.getChildren(parent);
  const found = kids.find((k) => label.test(k.label));
  assert.ok(found, `no ${String(label)} under ${parent?.label ?? 'the root'}: ${kids.map((k) => k.label).join(', ')}`);
  return found;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('linting never blocks the extension host', function () {
  this.timeout(180_000);

  it('while a pathological Bicep file is analysed, a normal template gets its diagnostics and an explorer command answers within 100 ms', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('ade.openSandbox');
    const root = await childOf(api, undefined, /Sandbox/);
    const sub = await childOf(api, root, /Production/);
    const vms = await childOf(api, sub, /Virtual Machines/);
    const vm = await childOf(api, vms, /./);
    assert.ok(vm.ref.armId);

    const config = vscode.workspace.getConfiguration('ade.lint');
    // A budget long enough to watch the analysis on a loaded machine; it still ends it.
    await config.update('budgetMs', 6000, vscode.ConfigurationTarget.Workspace);
    const slow = workspaceFile('scratch', 'pathological.bicep');
    const normal = workspaceFile('scratch', 'responsive.json');
    try {
      // Flat broken text: tree-sitter's error recovery on it takes over 20 s without a budget.
      await vscode.workspace.fs.writeFile(slow, new TextEncoder().encode('{"a":}'.repeat(6000)));
      await vscode.workspace.fs.writeFile(
        normal,
        await vscode.workspace.fs.readFile(workspaceFile('templates', 'linux-ade.json')),
      );
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(slow), { preview: false });
      await waitFor('the pathological file to be analysed', () => (api.lint.isAnalysing(slow) ? true : undefined));

      // The explorer answers while the analysis runs (it used to freeze the host for seconds).
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await vscode.commands.executeCommand('ade.copyResourceId', vm);
        latencies.push(performance.now() - t0);
      }
      assert.equal(await vscode.env.clipboard.readText(), vm.ref.armId);

      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(normal), { preview: false });
      await waitFor(
        'diagnostics of the normal template',
        () => (ours(normal).some((d) => codeOf(d) === 'kv-disk-encryption-flag') ? true : undefined),
        60_000,
      );
      assert.ok(api.lint.isAnalysing(slow), 'the normal template was linted while the pathological file still was');
      console.log(
        `    explorer command while a file was analysed: ${latencies.map((t) => t.toFixed(0)).join(', ')} ms`,
      );
      assert.ok(
        median(latencies) < 100,
        `the explorer command took ${latencies.map((t) => t.toFixed(0)).join(', ')} ms while a file was analysed`,
      );

      // The budget ends the analysis with one clear diagnostic, and nothing else on the file.
      const notice = await waitFor(
        'the too-complex notice',
        () => ours(slow).find((d) => codeOf(d) === 'too-complex'),
        90_000,
      );
      assert.match(notice.message, /Too complex to analyse within \d+ ms .*— findings paused for this file/);
      assert.equal(ours(slow).length, 1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await config.update('budgetMs', undefined, vscode.ConfigurationTarget.Workspace);
      for (const uri of [slow, normal]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
