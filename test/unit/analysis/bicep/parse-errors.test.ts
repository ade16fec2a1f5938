import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import type { TemplateModel } from '../../../../src/analysis/model';
import { FIXTURES, plainValue, prop, resource, variable } from './helpers';

const DIR = path.join(FIXTURES, 'unsupported');

async function load(name: string): Promise<{ model: TemplateModel; text: string }> {
  const file = path.join(DIR, name);
  const text = fs.readFileSync(file, 'utf8');
  return { model: await parseBicepFile(file, text), text };
}

function issueTexts(model: TemplateModel, text: string): string[] {
  return model.issues
    .filter((i) => i.code === 'parse-error')
    .map((i) => text.slice(i.location.range.start.offset, i.location.range.end.offset));
}

/**
 * Constructs tree-sitter-bicep 1.1.0 cannot read. These tests pin today's behaviour: when a
 * newer grammar reads a construct, its test fails here and the expectations should be updated
 * (and the construct evaluated).
 */
describe('bicep constructs the grammar cannot read', () => {
  it('resourceInput<...> parameter type: the parameter is lost, the declarations around it are read', async () => {
    const { model, text } = await load('resource-input-type.bicep');
    assert.deepEqual(issueTexts(model, text), ["resourceInput<'Microsoft.Compute/virtualMachines@2024-07-01'>"]);
    assert.equal(plainValue(model.parameters.find((p) => p.name === 'before')?.value), 'kept-before');
    assert.equal(plainValue(variable(model, 'after')), 'kept-after');
    const kv = resource(model, 'kv');
    assert.equal(plainValue(kv.name), 'kv-after-input');
    assert.equal(plainValue(prop(kv.properties, 'enabledForDiskEncryption')), true);
  });

  it('resourceOutput<...> output type: the output and the next declaration are lost, the rest is read', async () => {
    const { model, text } = await load('resource-output-type.bicep');
    const issues = issueTexts(model, text);
    assert.equal(issues.length, 1);
    assert.match(issues[0]!, /^resourceOutput<'Microsoft\.KeyVault\/vaults@2023-07-01'> = kv\s+var$/);
    assert.equal(plainValue(resource(model, 'kv').name), 'kv-before-output');
    assert.equal(plainValue(variable(model, 'after')), 'kept-after');
    assert.equal(
      model.variables.find((v) => v.name === 'swallowed'),
      undefined,
      'the declaration after the broken output is swallowed today',
    );
  });

  it('object spread: the spread is skipped, the other properties are read', async () => {
    const { model, text } = await load('object-spread.bicep');
    assert.deepEqual(issueTexts(model, text), ['...base', '...base']);
    assert.deepEqual(plainValue(variable(model, 'merged')), { b: 2 });
    const kv = resource(model, 'kv');
    assert.equal(plainValue(kv.name), 'kv-after-spread');
    assert.equal(plainValue(prop(kv.properties, 'enabledForDiskEncryption')), true);
  });

  it('extension statement: reported, the rest is read', async () => {
    const { model, text } = await load('extension-statement.bicep');
    assert.deepEqual(issueTexts(model, text), ['extension microsoftGraphV1']);
    assert.equal(plainValue(model.parameters[0]?.value), 'kept');
    assert.equal(plainValue(resource(model, 'kv').name), 'kv-after-extension');
  });

  it('a syntax error inside a resource: reported as could-not-be-read, later resources are read', async () => {
    const { model } = await load('broken-syntax.bicep');
    const errors = model.issues.filter((i) => i.code === 'parse-error');
    assert.ok(errors.length >= 1);
    assert.equal(errors[0]!.severity, 'warning');
    assert.match(errors[0]!.message, /could not be read/);
    assert.equal(plainValue(resource(model, 'later').name), 'disk-later');
    assert.equal(plainValue(resource(model, 'broken').name), 'kv-broken');
  });

  it('never throws, whatever the text', async () => {
    for (const text of ['', '}}}{{{', "resource x 'a@1' = [for", "var a = '${", '@', "module m '", '\u0000\uffff']) {
      const m = await parseBicepFile('/virtual/odd.bicep', text, { readFile: async () => undefined });
      assert.equal(m.kind, 'bicep');
    }
  });
});
