// The parts of the incremental re-read: the line index derived from the previous one, the text
// diff, moving resources (lazily and at once), the ARM re-reader's choice between a partial and
// a full read, and the components the rules are re-run on.
import * as assert from 'node:assert/strict';
import { parseArmFile } from '../../../../src/analysis/arm';
import { ArmReparser } from '../../../../src/analysis/arm/incremental';
import { computeComponents } from '../../../../src/analysis/engine/components';
import { diffTexts, LineIndex, PositionShifter, translatedResource } from '../../../../src/analysis/model';
import { generateTemplate } from '../../../bench/lint.bench';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function starts(lines: LineIndex): number[] {
  const out: number[] = [];
  for (let l = 0; l < lines.lineCount; l++) out.push(lines.lineStart(l));
  return out;
}

/** Plain JSON of a model's resources and issues (moved resources serialise as their copies). */
function plain(model: ReturnType<typeof parseArmFile>): unknown {
  return JSON.parse(JSON.stringify({ resources: model.resources, issues: model.issues, outputs: model.outputs }));
}

describe('incremental re-read', () => {
  it('derives the new line index from the old one, whatever the line endings', () => {
    const rnd = random(3);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', ' ', '{'];
    let text = 'x\r\ny\rz\n'.repeat(5);
    let lines = new LineIndex(text);
    for (let i = 0; i < 400; i++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const cut = Math.floor(rnd() * 3);
      const insert = rnd() < 0.7 ? pieces[Math.floor(rnd() * pieces.length)]! : '';
      const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
      const diff = diffTexts('f', lines, next);
      if (next === text) {
        assert.equal(diff, undefined);
        continue;
      }
      assert.ok(diff, `edit ${i}`);
      assert.deepEqual(starts(diff.lines), starts(new LineIndex(next)), `edit ${i}: ${JSON.stringify(next)}`);
      assert.deepEqual(diff.change.newEnd, new LineIndex(next).position(diff.change.newEnd.offset));
      text = next;
      lines = diff.lines;
    }
  });

  it('finds the one changed span between long texts', () => {
    const a = 'x'.repeat(5000) + 'hello' + 'y'.repeat(5000);
    const b = 'x'.repeat(5000) + 'help me' + 'y'.repeat(5000);
    const { change } = diffTexts('f', new LineIndex(a), b)!;
    assert.equal(change.start, 5003);
    assert.equal(change.oldEnd.offset, 5005);
    assert.equal(change.newEnd.offset, 5007);
  });

  it('moves a resource lazily to the same place as moving it at once', () => {
    const text = generateTemplate(8 * 1024);
    const model = parseArmFile('t.json', text);
    const last = model.resources.at(-1)!;
    // Two blank lines inserted near the top, before every resource.
    const at = text.indexOf('"resources"');
    const edited = text.slice(0, at) + '\n\n' + text.slice(at);
    const { change } = diffTexts('t.json', new LineIndex(text), edited)!;
    const eager = new PositionShifter(change).resource(last);
    const lazy = translatedResource(last, at, 2, 2);
    assert.deepEqual(JSON.parse(JSON.stringify(lazy)), JSON.parse(JSON.stringify(eager)));
    // Moving again adds up; the moved name is where the text now is.
    const twice = translatedResource(lazy, at, 3, 1);
    assert.equal(twice.name.range.start.offset, last.name.range.start.offset + 5);
    assert.equal(twice.name.range.start.line, last.name.range.start.line + 3);
  });

  it('re-reads one resource for an edit inside it, with the model a full read gives', () => {
    const text = generateTemplate(30 * 1024);
    const reparser = new ArmReparser('t.json');
    assert.equal(reparser.read(text).change, undefined);
    const at = text.indexOf('"keySize": 1024');
    const edited = text.slice(0, at) + '"keySize": 4096,\n        "kty": "RSA-HSM"' + text.slice(at + 15);
    const { model, change } = reparser.read(edited);
    assert.ok(change, 'a partial read');
    assert.deepEqual(change.before, change.after);
    assert.equal(change.after.length, 1);
    assert.deepEqual(plain(model), plain(parseArmFile('t.json', edited)));
  });

  it('reads everything again when the edit is in the parameters, breaks the syntax, or is in a nested deployment', () => {
    const text = generateTemplate(20 * 1024);
    const reparser = new ArmReparser('t.json');
    reparser.read(text);
    const inParameters = text.replace('"westeurope"', '"eastus"');
    assert.equal(reparser.read(inParameters).change, undefined);
    const broken = inParameters.replace('"kty": "RSA"', '"kty": "RSA",,');
    assert.equal(reparser.read(broken).change, undefined);
    assert.equal(reparser.read(inParameters).change, undefined, 'after a broken read, everything is read');
    assert.ok(reparser.read(inParameters.replace('"kty": "RSA"', '"kty": "EC"')).change);

    const nested = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'inner',
            properties: {
              mode: 'Incremental',
              template: { resources: [{ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv' }] },
            },
          },
        ],
      },
      null,
      2,
    );
    const r2 = new ArmReparser('n.json');
    r2.read(nested);
    assert.equal(r2.read(nested.replace('"kv"', '"kv2"')).change, undefined);
  });

  it('puts an ADE extension, its VM and its vault in one component and unrelated vaults apart', () => {
    const model = parseArmFile(
      't.json',
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [
          { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv1', properties: {} },
          { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'other', properties: {} },
          { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'vm1', properties: {} },
          {
            type: 'Microsoft.Compute/virtualMachines/extensions',
            apiVersion: '2024-07-01',
            name: 'vm1/ade',
            properties: {
              publisher: 'Microsoft.Azure.Security',
              type: 'AzureDiskEncryption',
              settings: { KeyVaultURL: 'https://kv1.vault.azure.net/' },
            },
          },
          { type: 'Microsoft.KeyVault/vaults/keys', apiVersion: '2023-07-01', name: 'other/kek', properties: {} },
        ],
      }),
    );
    const c = computeComponents(model.resources);
    const idOf = (name: string): string =>
      model.resources.find((r) => r.name.kind === 'scalar' && r.name.value === name)!.id;
    const comp = (name: string): number => c.of.get(idOf(name))!;
    assert.equal(comp('vm1'), comp('vm1/ade'));
    assert.equal(comp('kv1'), comp('vm1/ade'));
    assert.equal(comp('other'), comp('other/kek'));
    assert.notEqual(comp('other'), comp('kv1'));
  });

  it('joins a child whose parent is not declared to every resource of the parent type', () => {
    const model = parseArmFile(
      't.json',
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        parameters: { vm: { type: 'string' } },
        resources: [
          { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'a', properties: {} },
          { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'b', properties: {} },
          {
            type: 'Microsoft.Compute/virtualMachines/extensions',
            apiVersion: '2024-07-01',
            name: "[format('{0}/ade', parameters('vm'))]",
            properties: {},
          },
        ],
      }),
    );
    const c = computeComponents(model.resources);
    assert.equal(new Set(c.of.values()).size, 1);
  });
});
