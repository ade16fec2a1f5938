import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFile } from './helpers';

const codeOf = (d: vscode.Diagnostic): string | number | undefined =>
  typeof d.code === 'object' ? d.code.value : d.code;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ade-lint');
}

/** Waits until the file has a diagnostic with this rule id and returns it. */
function diagnosticFor(uri: vscode.Uri, ruleId: string, timeoutMs = 20000): Promise<vscode.Diagnostic> {
  return waitFor(`${ruleId} on ${uri.path}`, () => ours(uri).find((d) => codeOf(d) === ruleId), timeoutMs);
}

function noDiagnosticFor(uri: vscode.Uri, ruleId: string): Promise<true> {
  return waitFor(`${ruleId} to disappear from ${uri.path}`, () =>
    ours(uri).some((d) => codeOf(d) === ruleId) ? undefined : true,
  );
}

/** A fresh copy of a fixture under a new name, so each test edits its own file. */
async function copyFixture(name: string, copyName: string): Promise<vscode.Uri> {
  const from = workspaceFile('templates', name);
  const to = workspaceFile('scratch', copyName);
  await vscode.workspace.fs.writeFile(to, await vscode.workspace.fs.readFile(from));
  return to;
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, titlePattern: RegExp): Promise<string> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const action = actions.find((a) => titlePattern.test(a.title));
  assert.ok(action?.edit, `no quick fix matching ${titlePattern} among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return action.title;
}

describe('lint diagnostics in the editor', function () {
  this.timeout(60000);

  before(async () => {
    await activateExtension();
  });

  for (const file of ['linux-ade.bicep', 'linux-ade.json']) {
    const isBicep = file.endsWith('.bicep');

    it(`${file}: reports ADE and vault problems with exact ranges, docs links and provenance`, async () => {
      const uri = workspaceFile('templates', file);
      await open(uri);
      const flag = await diagnosticFor(uri, 'kv-disk-encryption-flag');
      assert.equal(flag.severity, vscode.DiagnosticSeverity.Error);
      // A missing property is reported on the key of the object that should hold it.
      assert.deepEqual([flag.range.start.line, flag.range.start.character], isBicep ? [8, 2] : [17, 6]);
      const target = typeof flag.code === 'object' ? flag.code.target : undefined;
      assert.match(String(target), /docs\/rules\/kv-disk-encryption-flag\.md$/);
      assert.ok(flag.relatedInformation?.length, 'points at the ADE extension that uses the vault');

      const volume = await diagnosticFor(uri, 'ade-volume-type');
      assert.equal(volume.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual([volume.range.start.line, volume.range.start.character], isBicep ? [36, 18] : [39, 24]);
      const origin = volume.relatedInformation?.find((r) => /variable 'volumeType'/.test(r.message));
      assert.ok(origin, 'the finding says the value came from the variable');
      assert.equal(origin.location.range.start.line, isBicep ? 3 : 9);

      for (const rule of ['ade-extension-version', 'ade-kek-settings', 'kv-purge-protection', 'ade-retirement']) {
        await diagnosticFor(uri, rule);
      }
    });
  }

  it('leaves JSON that is not a template alone', async () => {
    const api = await activateExtension();
    const uri = workspaceFile('templates', 'not-a-template.json');
    const doc = await open(uri);
    const result = await api.lint.lintDocument(doc);
    assert.ok(result?.skipped, 'the engine skips it with a notice');
    assert.deepEqual(ours(uri), []);
  });

  const fixes: { rule: string; title: RegExp; bicep: RegExp; json: RegExp }[] = [
    {
      rule: 'kv-disk-encryption-flag',
      title: /enabledForDiskEncryption/,
      bicep: /enabledForDiskEncryption: true/,
      json: /"enabledForDiskEncryption": true/,
    },
    {
      rule: 'kv-purge-protection',
      title: /enablePurgeProtection/,
      bicep: /enablePurgeProtection: true/,
      json: /"enablePurgeProtection": true/,
    },
    { rule: 'ade-volume-type', title: /All/, bicep: /var volumeType = 'All'/, json: /"volumeType": "All"/ },
    {
      rule: 'ade-extension-version',
      title: /1\.1/,
      bicep: /typeHandlerVersion: '1\.1'/,
      json: /"typeHandlerVersion": "1\.1"/,
    },
    {
      rule: 'ade-kek-settings',
      title: /KekVaultResourceId/,
      bicep: /KekVaultResourceId:/,
      json: /"KekVaultResourceId":/,
    },
  ];
  for (const fix of fixes) {
    for (const ext of ['bicep', 'json'] as const) {
      it(`quick fix for ${fix.rule} edits the ${ext} file and the diagnostic goes away`, async () => {
        const uri = await copyFixture(`linux-ade.${ext}`, `fix-${fix.rule}.${ext}`);
        const doc = await open(uri);
        const diagnostic = await diagnosticFor(uri, fix.rule);
        const before = doc.getText();
        await applyQuickFix(uri, diagnostic, fix.title);
        assert.match(doc.getText(), ext === 'bicep' ? fix.bicep : fix.json);
        await noDiagnosticFor(uri, fix.rule);
        // Only the fix changed: the rest of the file keeps its formatting.
        const changedLines = doc
          .getText()
          .split('\n')
          .filter((l) => !before.split('\n').includes(l));
        assert.ok(changedLines.length <= 3, `fix touched too much:\n${changedLines.join('\n')}`);
        await vscode.commands.executeCommand('workbench.action.files.save');
      });
    }
  }

  it('quick fix moves an AAD client secret from settings to protectedSettings', async () => {
    const uri = await copyFixture('windows-aad.bicep', 'aad-secret.bicep');
    const doc = await open(uri);
    const diagnostic = await diagnosticFor(uri, 'ade-aad-secret-in-settings');
    await applyQuickFix(uri, diagnostic, /protectedSettings/);
    const text = doc.getText();
    const settings = text.slice(text.indexOf('settings: {'), text.indexOf('}', text.indexOf('settings: {')));
    assert.doesNotMatch(settings, /AADClientSecret/);
    assert.match(text, /protectedSettings: \{[^}]*AADClientSecret: 'do-not-do-this'/);
    await noDiagnosticFor(uri, 'ade-aad-secret-in-settings');
  });

  for (const scope of ['line', 'file'] as const) {
    it(`"suppress for this ${scope}" inserts a comment with a reason placeholder and silences the rule`, async () => {
      const uri = await copyFixture('linux-ade.bicep', `suppress-${scope}.bicep`);
      const doc = await open(uri);
      const diagnostic = await diagnosticFor(uri, 'ade-volume-type');
      await applyQuickFix(uri, diagnostic, new RegExp(`Suppress ade-volume-type for this ${scope}`));
      const marker = scope === 'line' ? 'ade-lint-disable-next-line' : 'ade-lint-disable-file';
      assert.match(doc.getText(), new RegExp(`// ${marker} ade-volume-type -- <reason>`));
      await noDiagnosticFor(uri, 'ade-volume-type');
    });
  }

  it('follows edits as the user types', async () => {
    const uri = await copyFixture('linux-ade.bicep', 'typing.bicep');
    const doc = await open(uri);
    await diagnosticFor(uri, 'ade-volume-type');
    const at = doc.getText().indexOf("'Data'");
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), "'All'");
    assert.ok(await vscode.workspace.applyEdit(edit));
    await noDiagnosticFor(uri, 'ade-volume-type');
    // And back: the finding returns.
    const undo = new vscode.WorkspaceEdit();
    undo.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 5)), "'Data'");
    assert.ok(await vscode.workspace.applyEdit(undo));
    await diagnosticFor(uri, 'ade-volume-type');
  });

  it('follows edits in a large ARM template: findings below an edit move with their text', async () => {
    const vaults = Array.from({ length: 60 }, (_, i) => ({
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: '2023-07-01',
      name: `kv${i}`,
      location: 'westeurope',
      properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' } },
    }));
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: vaults,
    };
    const uri = workspaceFile('scratch', 'many-vaults.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(template, null, 2)));
    const doc = await open(uri);
    const purge = (): vscode.Diagnostic[] => ours(uri).filter((d) => codeOf(d) === 'kv-purge-protection');
    await waitFor('a purge-protection finding on every vault', () => (purge().length === 60 ? true : undefined));

    /** Each finding sits on the `properties` key of a vault without purge protection, wherever that is now. */
    const placedRight = (): boolean => {
      const text = doc.getText();
      const keys = [...text.matchAll(/"properties"/g)]
        .filter((m) => !text.slice(m.index, text.indexOf('}', m.index)).includes('enablePurgeProtection'))
        .map((m) => doc.positionAt(m.index!).line);
      const lines = purge().map((d) => d.range.start.line);
      return lines.length === keys.length && lines.sort((a, b) => a - b).every((l, i) => l === keys[i]);
    };
    assert.ok(placedRight());

    // Two lines typed into the first vault move every finding below them.
    const first = doc.getText().indexOf('"location"');
    const add = new vscode.WorkspaceEdit();
    add.insert(uri, doc.positionAt(first), '"tags": {\n        "team": "ops"\n      },\n      ');
    assert.ok(await vscode.workspace.applyEdit(add));
    await waitFor('findings to move below the new lines', () => (placedRight() ? true : undefined));

    // Purge protection turned on in a vault half-way down: its finding alone goes.
    const middle = doc.getText().indexOf('"tenantId"', doc.getText().indexOf('"kv30"'));
    const fix = new vscode.WorkspaceEdit();
    fix.insert(uri, doc.positionAt(middle), '"enablePurgeProtection": true, ');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor('59 findings left, each in place', () => (purge().length === 59 && placedRight() ? true : undefined));
    const kv30 = doc.positionAt(doc.getText().indexOf('"kv30"')).line;
    assert.ok(!purge().some((d) => Math.abs(d.range.start.line - kv30) < 4), 'kv30 has no finding');
  });

  it('clears diagnostics when the file is deleted', async () => {
    const uri = await copyFixture('linux-ade.json', 'deleted.json');
    await open(uri);
    await diagnosticFor(uri, 'kv-disk-encryption-flag');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
    await waitFor('diagnostics of the deleted file to clear', () => (ours(uri).length === 0 ? true : undefined));
  });

  it('explains ADE settings and vault properties on hover', async () => {
    const uri = workspaceFile('templates', 'linux-ade.bicep');
    const doc = await open(uri);
    const hoverAt = async (needle: string): Promise<string> => {
      const offset = doc.getText().indexOf(needle) + 2;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        doc.positionAt(offset),
      );
      return hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
        .join('\n');
    };
    assert.match(await hoverAt('VolumeType:'), /OS disk/);
    assert.match(await hoverAt('KeyEncryptionKeyURL:'), /KEK/);
    assert.match(await hoverAt('enableRbacAuthorization:'), /access policies are ignored/);
  });

  it('takes severities from settings, and the project config file wins over them', async () => {
    const uri = workspaceFile('templates', 'linux-ade.json');
    await open(uri);
    await diagnosticFor(uri, 'ade-retirement');
    const config = vscode.workspace.getConfiguration('ade.lint');
    await config.update('rules', { 'ade-retirement': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await noDiagnosticFor(uri, 'ade-retirement');
      const configFile = workspaceFile('.ade-lint.json');
      await vscode.workspace.fs.writeFile(configFile, Buffer.from('{ "rules": { "ade-retirement": "error" } }'));
      try {
        const d = await diagnosticFor(uri, 'ade-retirement');
        await waitFor('severity error from .ade-lint.json', () =>
          ours(uri).find((x) => codeOf(x) === 'ade-retirement' && x.severity === vscode.DiagnosticSeverity.Error),
        );
        assert.ok(d);
      } finally {
        await vscode.workspace.fs.delete(configFile);
      }
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('can be switched off and on with the ade.lint.enabled setting', async () => {
    const uri = workspaceFile('templates', 'linux-ade.json');
    await open(uri);
    await diagnosticFor(uri, 'kv-disk-encryption-flag');
    const config = vscode.workspace.getConfiguration('ade.lint');
    await config.update('enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('diagnostics to clear when linting is off', () => (ours(uri).length === 0 ? true : undefined));
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticFor(uri, 'kv-disk-encryption-flag');
  });

  it('"Lint Workspace Templates" fills the Problems panel for files that are not open', async () => {
    const summary = await vscode.commands.executeCommand<{ templates: number; errors: number; cancelled: boolean }>(
      'ade.lintWorkspace',
    );
    assert.ok(summary && !summary.cancelled);
    assert.ok(summary.templates >= 2, `linted ${summary.templates} templates`);
    assert.ok(summary.errors > 0);
    await diagnosticFor(workspaceFile('templates', 'linux-ade.json'), 'kv-disk-encryption-flag');
  });
});
