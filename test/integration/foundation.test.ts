import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('extension foundation', () => {
  it('activates and exposes its API', async () => {
    const api = await activateExtension();
    assert.ok(api.activityLog);
    assert.ok(api.explorer);
  });

  it('contributes every palette command in the ADE category and registers a handler for it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed: { command: string; category?: string }[] = ext?.packageJSON.contributes.commands ?? [];
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.equal(c.category, 'ADE', `${c.command} should be in the ADE category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but has no handler`);
    }
  });

  it('does not activate on startup for everything', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const events: string[] = ext?.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'));
  });

  it('switches the explorer to the sandbox and back, with the sandbox clearly labelled', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('ade.openSandbox');
    assert.equal(api.explorer.mode.kind, 'sandbox');
    const roots = await api.explorer.getChildren();
    assert.ok(roots.length > 0);
    assert.match(String(roots[0]?.label), /Sandbox/);
    await vscode.commands.executeCommand('ade.closeSandbox');
    assert.equal(api.explorer.mode.kind, 'none');
  });

  it('keeps one activity log entry per run with its outcome', async () => {
    const api = await activateExtension();
    const entry = api.activityLog.start('integration check');
    entry.step('first step').end('succeeded');
    entry.end('succeeded');
    const last = api.activityLog.history.at(-1);
    assert.deepEqual(last, { title: 'integration check', outcome: 'succeeded' });
  });
});
