import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initBicepParser, parseBicepFile } from '../../../../src/analysis/bicep';
import type { TemplateModel } from '../../../../src/analysis/model';
import { copyTree, syntaxErrors } from '../../../../src/analysis/bicep/syntax';
import { FIXTURES, plainValue, prop, resource, variable } from './helpers';

const DIR = path.join(FIXTURES, 'unsupported');

function text(name: string): string {
  return fs.readFileSync(path.join(DIR, name), 'utf8');
}

async function load(name: string): Promise<TemplateModel> {
  return parseBicepFile(path.join(DIR, name), text(name));
}

/** Texts of the ERROR/MISSING parts the raw grammar produces (no rewriting). */
async function rawGrammarErrors(name: string): Promise<string[]> {
  const parser = await initBicepParser();
  const source = text(name);
  const tree = parser.parse(source)!;
  try {
    return syntaxErrors(copyTree(tree, source)).map((n) =>
      n.isMissing ? `MISSING ${n.type}` : source.slice(n.startIndex, n.endIndex),
    );
  } finally {
    tree.delete();
  }
}

/**
 * Constructs tree-sitter-bicep 1.1.0 could not read, each read natively by the project's grammar
 * (grammar/tree-sitter-bicep): no rewriting before parsing, no skipped region.
 */
describe('bicep constructs newer than tree-sitter-bicep 1.1.0', () => {
  it('the grammar reads each construct without an error node', async () => {
    for (const name of [
      'resource-input-type.bicep',
      'resource-output-type.bicep',
      'object-spread.bicep',
      'extension-statement.bicep',
      'non-null-and-typed-var.bicep',
      'nullable-before-import.bicep',
    ]) {
      assert.deepEqual(await rawGrammarErrors(name), [], name);
    }
  });

  it('resourceInput<...> parameter type: read, with the declarations around it', async () => {
    const model = await load('resource-input-type.bicep');
    assert.deepEqual(model.issues, []);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'before')?.value), 'kept-before');
    assert.ok(model.parameters.find((p) => p.name === 'vmProperties'));
    assert.equal(plainValue(variable(model, 'after')), 'kept-after');
    const kv = resource(model, 'kv');
    assert.equal(plainValue(kv.name), 'kv-after-input');
    assert.equal(plainValue(prop(kv.properties, 'enabledForDiskEncryption')), true);
  });

  it('resourceOutput<...> output type: read, the next declaration too', async () => {
    const model = await load('resource-output-type.bicep');
    assert.deepEqual(model.issues, []);
    assert.equal(plainValue(resource(model, 'kv').name), 'kv-before-output');
    assert.equal(plainValue(variable(model, 'swallowed')), 'read as part of the broken output');
    assert.equal(plainValue(variable(model, 'after')), 'kept-after');
    assert.equal(
      plainValue(model.outputs.find((o) => o.name === 'vault')?.value),
      '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv-before-output',
    );
  });

  it('object spread: merged into the object; an unknown spread makes the object unknown', async () => {
    const model = await load('object-spread.bicep');
    assert.deepEqual(model.issues, []);
    assert.deepEqual(plainValue(variable(model, 'merged')), { a: 1, b: 2 });
    const kv = resource(model, 'kv');
    assert.equal(plainValue(kv.name), 'kv-after-spread');
    assert.deepEqual(plainValue(kv.properties), { a: 1, enabledForDiskEncryption: true });
    const unknownSpread = await parseBicepFile('/virtual/s.bicep', 'param p object\nvar v = {\n  ...p\n  b: 1\n}\n', {
      readFile: async () => undefined,
    });
    assert.equal(variable(unknownSpread, 'v').kind, 'unknown');
  });

  it('extension statement: skipped without an issue', async () => {
    const model = await load('extension-statement.bicep');
    assert.deepEqual(model.issues, []);
    assert.equal(plainValue(model.parameters[0]?.value), 'kept');
    assert.equal(plainValue(resource(model, 'kv').name), 'kv-after-extension');
  });

  it('non-null assertions and typed variables: read', async () => {
    const model = await load('non-null-and-typed-var.bicep');
    assert.deepEqual(model.issues, []);
    assert.equal(plainValue(variable(model, 'typed')), true);
    assert.equal(plainValue(variable(model, 'lastSegment')), 'kv-nn');
    assert.equal(
      plainValue(variable(model, 'inText')),
      'vault: /subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-nn',
    );
  });

  it('nullable parameter before an import: read, and still nullable', async () => {
    const model = await load('nullable-before-import.bicep');
    assert.deepEqual(model.issues, []);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'lock')?.value), null);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'roleAssignments')?.value), null);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'after')?.value), 'kept');
  });

  it('a syntax error inside a resource: reported as could-not-be-read, later resources are read', async () => {
    const model = await load('broken-syntax.bicep');
    const errors = model.issues.filter((i) => i.code === 'parse-error');
    assert.ok(errors.length >= 1);
    assert.equal(errors[0]!.severity, 'warning');
    assert.match(errors[0]!.message, /could not be read/);
    assert.equal(plainValue(resource(model, 'later').name), 'disk-later');
    assert.equal(plainValue(resource(model, 'broken').name), 'kv-broken');
  });

  it('never throws, whatever the text', async () => {
    for (const t of [
      '',
      '}}}{{{',
      "resource x 'a@1' = [for",
      "var a = '${",
      '@',
      "module m '",
      '\u0000\uffff',
      '...',
      'x!',
    ]) {
      const m = await parseBicepFile('/virtual/odd.bicep', t, { readFile: async () => undefined });
      assert.equal(m.kind, 'bicep');
    }
  });
});
