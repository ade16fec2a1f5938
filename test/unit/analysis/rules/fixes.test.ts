import * as assert from 'node:assert/strict';
import type { ObjectNode, RuleContext, TemplateModel } from '../../../../src/analysis/model';
import { getPath } from '../../../../src/analysis/model';
import { createRuleContext } from '../../../../src/analysis/engine/context';
import {
  indentUnit,
  insertPropertyFix,
  isLiteralText,
  RawText,
  removePropertyEdit,
  render,
  renameKeyFix,
  replaceValueFix,
} from '../../../../src/analysis/rules/util/fixes';
import { applyEdits, parse } from './helpers';

async function ctxFor(file: string, text: string): Promise<{ ctx: RuleContext; model: TemplateModel }> {
  const model = await parse(file, text);
  return { ctx: createRuleContext(model), model };
}

function propsOf(model: TemplateModel): ObjectNode {
  const p = model.resources[0]!.properties;
  assert.equal(p?.kind, 'object');
  return p as ObjectNode;
}

const BICEP = `param purge bool = false

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv1'
  location: 'westeurope'
  properties: {
    enablePurgeProtection: purge // keep this comment
    sku: {}
  }
}
`;

const JSON_TEXT = `{
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [
        {
            "type": "Microsoft.KeyVault/vaults",
            "apiVersion": "2023-07-01",
            "name": "kv1",
            "location": "westeurope",
            "properties": {
                "enableSoftDelete": false,
                "sku": {}
            }
        }
    ]
}
`;

describe('rule fix helpers', () => {
  it('renders literals per language', () => {
    assert.equal(render('bicep', "it's"), "'it\\'s'");
    assert.equal(render('arm', 'a"b'), '"a\\"b"');
    assert.equal(render('bicep', { a: true, 'b-c': 'x' }, '  ', '  '), "{\n    a: true\n    'b-c': 'x'\n  }");
    assert.equal(render('arm', { a: 1 }, '', '  '), '{\n  "a": 1\n}');
    assert.equal(render('bicep', new RawText('kv.id')), 'kv.id');
  });

  it('recognises literals but not expressions', () => {
    assert.ok(isLiteralText('arm', '"All"'));
    assert.ok(!isLiteralText('arm', '"[parameters(\'x\')]"'));
    assert.ok(isLiteralText('arm', '"[[not an expression"'));
    assert.ok(isLiteralText('bicep', "'All'"));
    assert.ok(!isLiteralText('bicep', "'${prefix}-kv'"));
    assert.ok(!isLiteralText('bicep', 'kv.id'));
    assert.ok(isLiteralText('bicep', 'false'));
  });

  it('detects the indentation unit', () => {
    assert.equal(indentUnit(JSON_TEXT), '    ');
    assert.equal(indentUnit('{\n\t"a": 1\n}'), '\t');
    assert.equal(indentUnit('{}'), '  ');
  });

  it('edits the parameter default when the value comes from one (Bicep)', async () => {
    const file = 'main.bicep';
    const { ctx, model } = await ctxFor(file, BICEP);
    const v = getPath(model.resources[0]!.properties, 'enablePurgeProtection')!;
    const fix = replaceValueFix(ctx, file, v, true, 'set')!;
    assert.ok(fix);
    assert.equal(fix.edits[0]!.range.start.line, 0);
    assert.ok(applyEdits(BICEP, fix.edits).startsWith('param purge bool = true\n'));
  });

  it('inserts a property before the closing brace in Bicep, keeping comments and indentation', async () => {
    const file = 'main.bicep';
    const { ctx, model } = await ctxFor(file, BICEP);
    const fix = insertPropertyFix(ctx, file, propsOf(model), 'enabledForDiskEncryption', true, 'add')!;
    const out = applyEdits(BICEP, fix.edits);
    assert.ok(out.includes('    sku: {}\n    enabledForDiskEncryption: true\n  }\n}'), out);
    assert.ok(out.includes('purge // keep this comment'));
    const sku = getPath(model.resources[0]!.properties, 'sku') as ObjectNode;
    const fix2 = insertPropertyFix(ctx, file, sku, 'name', 'premium', 'add')!;
    assert.ok(applyEdits(BICEP, fix2.edits).includes("    sku: {\n      name: 'premium'\n    }\n"));
  });

  it('inserts, renames and removes properties in JSON with the file indentation', async () => {
    const file = 'main.json';
    const { ctx, model } = await ctxFor(file, JSON_TEXT);
    const props = propsOf(model);
    const ins = insertPropertyFix(ctx, file, props, 'networkAcls', { defaultAction: 'Deny' }, 'add')!;
    const out = applyEdits(JSON_TEXT, ins.edits);
    assert.ok(
      out.includes(
        '"sku": {},\n                "networkAcls": {\n                    "defaultAction": "Deny"\n                }\n',
      ),
      out,
    );
    assert.doesNotThrow(() => JSON.parse(out));
    const ren = renameKeyFix(ctx, file, props.properties[0]!, 'EnableSoftDelete', 'rename')!;
    assert.ok(applyEdits(JSON_TEXT, ren.edits).includes('"EnableSoftDelete": false'));
    const rm = removePropertyEdit(ctx, file, props, props.properties[0]!)!;
    const removed = applyEdits(JSON_TEXT, [rm]);
    assert.deepEqual(JSON.parse(removed).resources[0].properties, { sku: {} });
    const rm2 = removePropertyEdit(ctx, file, props, props.properties[1]!)!;
    assert.deepEqual(JSON.parse(applyEdits(JSON_TEXT, [rm2])).resources[0].properties, { enableSoftDelete: false });
  });

  it('offers no fix when the value is an expression', async () => {
    const file = 'main.json';
    const text = JSON_TEXT.replace('"enableSoftDelete": false', '"enableSoftDelete": "[equals(1, 2)]"');
    const { ctx, model } = await ctxFor(file, text);
    const v = getPath(model.resources[0]!.properties, 'enableSoftDelete')!;
    assert.equal(replaceValueFix(ctx, file, v, true, 'set'), undefined);
  });
});
