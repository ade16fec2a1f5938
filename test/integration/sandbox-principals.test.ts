import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('sandbox principals', () => {
  it('signs in as the operator; switching to the reader keeps the estate and shows only its subscription', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('ade.openSandbox');
    const sandbox = api.explorer.sandbox();
    assert.ok(sandbox);
    const subscriptions = async (): Promise<string[]> => {
      const [root] = await api.explorer.getChildren();
      assert.ok(root);
      return (await api.explorer.getChildren(root)).map((n) => n.label);
    };
    assert.equal((await subscriptions()).length, 2);
    // Opening a subscription reads ARM, signed in with a real token from the sandbox's token endpoint.
    const [root0] = await api.explorer.getChildren();
    const [firstSub] = await api.explorer.getChildren(root0);
    assert.ok((await api.explorer.getChildren(firstSub)).length > 0);
    assert.ok(sandbox.requestLog.some((e) => e.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(e.path)));

    await vscode.commands.executeCommand('ade.sandboxSignInAs', 'ade-reader');
    assert.equal(api.explorer.sandbox(), sandbox, 'the same estate');
    const [root] = await api.explorer.getChildren();
    assert.match(String(root?.label), /as ade-reader/);
    const readerSubs = await subscriptions();
    assert.equal(readerSubs.length, 1);
    assert.match(readerSubs[0] ?? '', /Production/);

    await vscode.commands.executeCommand('ade.sandboxSignInAs', 'ade-operator');
    assert.equal((await subscriptions()).length, 2);
    await vscode.commands.executeCommand('ade.closeSandbox');
  });
});
