import * as assert from 'node:assert/strict';
import { bindParameters, detectArmFileKind, loadArmFile, parseArmFile } from '../../../../src/analysis/arm';
import type { Resource, SourceRange, TemplateModel, ValueNode } from '../../../../src/analysis/model';
import { getPath, getProperty, stringValue, toPlain } from '../../../../src/analysis/model';

/** Line/character of the first occurrence of `needle` (after `from`), for exact range checks. */
function at(text: string, needle: string, from = 0): { line: number; character: number; offset: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `'${needle}' not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length, offset };
}

function assertRange(range: SourceRange, text: string, needle: string, from = 0): void {
  const start = at(text, needle, from);
  assert.deepEqual(
    {
      line: range.start.line,
      character: range.start.character,
      offset: range.start.offset,
      length: range.end.offset - range.start.offset,
    },
    { line: start.line, character: start.character, offset: start.offset, length: needle.length },
  );
}

function byType(model: TemplateModel, type: string): Resource[] {
  return model.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

function one(model: TemplateModel, type: string): Resource {
  const found = byType(model, type);
  assert.equal(found.length, 1, `expected one ${type}, got ${found.length}`);
  return found[0]!;
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const VAULT_TEMPLATE = `{
  // comments are allowed
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": { "type": "string", "defaultValue": "kv-default" },
    "settings": {
      "type": "object",
      "defaultValue": {
        "purge": true,
        "sku": "premium"
      }
    },
    "adminObjectId": { "type": "string" }
  },
  "variables": {
    "softDelete": true,
    "kekName": "[concat(parameters('vaultName'), '-kek')]"
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2022-07-01",
      "name": "[parameters('vaultName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "enabledForDiskEncryption": "[variables('softDelete')]",
        "enablePurgeProtection": "[parameters('settings').purge]",
        "sku": "[parameters('settings')]",
        "tenantId": "[subscription().tenantId]",
        "accessPolicies": [{ "objectId": "[parameters('adminObjectId')]" }]
      },
      "resources": [
        {
          "type": "keys",
          "apiVersion": "2022-07-01",
          "name": "[variables('kekName')]",
          "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"],
          "properties": { "kty": "RSA" }
        }
      ]
    }
  ],
  "outputs": {
    "vaultId": { "type": "string", "value": "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]" }
  }
}
`;

describe('ARM template reader', () => {
  describe('file kinds', () => {
    it('detects templates of every scope, parameters files and other JSON', () => {
      assert.equal(detectArmFileKind(`{"$schema": "${SCHEMA}"}`), 'armTemplate');
      for (const s of [
        'subscriptionDeploymentTemplate',
        'managementGroupDeploymentTemplate',
        'tenantDeploymentTemplate',
      ]) {
        assert.equal(
          detectArmFileKind(`{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/${s}.json#"}`),
          'armTemplate',
        );
      }
      assert.equal(
        detectArmFileKind(
          `{"$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#"}`,
        ),
        'armTemplate',
      );
      assert.equal(
        detectArmFileKind(
          '{"a": {"$schema": "x"}, "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"}',
        ),
        'armParameters',
      );
      assert.equal(detectArmFileKind('{"name": "package", "version": "1.0.0"}'), 'notATemplate');
      assert.equal(detectArmFileKind('{"nested": {"$schema": "deploymentTemplate.json"}}'), 'notATemplate');
      assert.equal(detectArmFileKind(''), 'notATemplate');
    });
    it('skips other JSON with an info notice', () => {
      const m = parseArmFile('package.json', '{"name": "x"}');
      assert.equal(m.kind, 'notATemplate');
      assert.equal(m.issues.length, 1);
      assert.equal(m.issues[0]!.code, 'skipped');
      assert.equal(m.issues[0]!.severity, 'info');
    });
  });

  describe('resources and values', () => {
    const model = parseArmFile('vault.json', VAULT_TEMPLATE);

    it('reads the template without issues', () => {
      assert.equal(model.kind, 'armTemplate');
      assert.equal(model.language, 'arm');
      assert.deepEqual(model.issues, []);
      assert.equal(model.sources.get('vault.json'), VAULT_TEMPLATE);
    });

    it('sets type, name, apiVersion, location and declRange', () => {
      const vault = one(model, 'Microsoft.KeyVault/vaults');
      assert.equal(vault.apiVersion, '2022-07-01');
      assert.equal(stringValue(vault.name), 'kv-default');
      assert.equal(vault.location?.kind === 'symbol' && vault.location.expr, 'resourceGroup().location');
      assertRange(vault.declRange, VAULT_TEMPLATE, '"Microsoft.KeyVault/vaults"');
      assert.equal(vault.existing, false);
      assert.equal(vault.file, 'vault.json');
      assert.equal(vault.id, 'Microsoft.KeyVault/vaults/kv-default');
    });

    it('flattens child resources with full type, full name and parentId', () => {
      const vault = one(model, 'Microsoft.KeyVault/vaults');
      const key = one(model, 'Microsoft.KeyVault/vaults/keys');
      assert.equal(stringValue(key.name), 'kv-default/kv-default-kek');
      assert.equal(key.parentId, vault.id);
      assertRange(key.declRange, VAULT_TEMPLATE, '"keys"');
    });

    it('keeps where a parameter default came from (exact ranges)', () => {
      const vault = one(model, 'Microsoft.KeyVault/vaults');
      // The value is reported where the expression is written...
      assertRange(vault.name.range, VAULT_TEMPLATE, `"[parameters('vaultName')]"`);
      // ...and remembers the default it came from.
      assert.equal(vault.name.origins?.length, 1);
      const origin = vault.name.origins![0]!;
      assert.equal(origin.kind, 'parameterDefault');
      assert.equal(origin.name, 'vaultName');
      assert.equal(origin.location.file, 'vault.json');
      assertRange(origin.location.range, VAULT_TEMPLATE, '"kv-default"');
      assert.equal(origin.location.range.start.line, 5);
      assert.equal(origin.location.range.start.character, 53);
    });

    it('a property of an object default points at where that property is written', () => {
      const purge = getPath(one(model, 'Microsoft.KeyVault/vaults').properties, 'enablePurgeProtection')!;
      assert.equal(purge.kind === 'scalar' && purge.value, true);
      assertRange(purge.range, VAULT_TEMPLATE, `"[parameters('settings').purge]"`);
      assert.equal(purge.origins?.[0]?.kind, 'parameterDefault');
      assertRange(purge.origins![0]!.location.range, VAULT_TEMPLATE, 'true', VAULT_TEMPLATE.indexOf('"purge"'));
    });

    it('a whole object from a default keeps the ranges of its properties inside the default', () => {
      const sku = getPath(one(model, 'Microsoft.KeyVault/vaults').properties, 'sku')!;
      assert.equal(sku.kind, 'object');
      assertRange(sku.range, VAULT_TEMPLATE, `"[parameters('settings')]"`);
      assert.equal(sku.origins?.[0]?.name, 'settings');
      const inner = getProperty(sku, 'sku')!;
      assertRange(inner.value.range, VAULT_TEMPLATE, '"premium"');
      assertRange(inner.keyRange, VAULT_TEMPLATE, '"sku"');
    });

    it('variables carry their origin, and values computed from them too', () => {
      const flag = getPath(one(model, 'Microsoft.KeyVault/vaults').properties, 'enabledForDiskEncryption')!;
      assert.equal(flag.kind === 'scalar' && flag.value, true);
      assert.equal(flag.origins?.[0]?.kind, 'variable');
      assert.equal(flag.origins?.[0]?.name, 'softDelete');
      assertRange(flag.origins![0]!.location.range, VAULT_TEMPLATE, 'true', VAULT_TEMPLATE.indexOf('"softDelete"'));
      const key = one(model, 'Microsoft.KeyVault/vaults/keys');
      const kinds = key.name.origins?.map((o) => `${o.kind}:${o.name}`);
      assert.deepEqual(kinds, ['variable:kekName', 'parameterDefault:vaultName']);
    });

    it('a parameter without a value is the deploy-time symbol parameters(name)', () => {
      const policies = getPath(one(model, 'Microsoft.KeyVault/vaults').properties, 'accessPolicies');
      assert.equal(policies?.kind, 'array');
      const objectId = getPath(policies?.kind === 'array' ? policies.items[0] : undefined, 'objectId')!;
      assert.equal(objectId.kind, 'symbol');
      assert.equal(objectId.kind === 'symbol' && objectId.expr, "parameters('adminObjectId')");
    });

    it('lists parameters, variables and outputs', () => {
      assert.deepEqual(
        model.parameters.map((p) => [p.name, p.type, toPlain(p.value)]),
        [
          ['vaultName', 'string', 'kv-default'],
          ['settings', 'object', { purge: true, sku: 'premium' }],
          ['adminObjectId', 'string', undefined],
        ],
      );
      assertRange(model.parameters[0]!.declRange, VAULT_TEMPLATE, '"vaultName"');
      assert.equal(stringValue(model.parameters[0]!.defaultValue), 'kv-default');
      assert.deepEqual(
        model.variables.map((v) => [v.name, toPlain(v.value)]),
        [
          ['softDelete', true],
          ['kekName', 'kv-default-kek'],
        ],
      );
      const out = model.outputs[0]!;
      assert.equal(out.name, 'vaultId');
      assert.equal(out.value.kind === 'scalar' && out.value.resourceRef?.name, 'kv-default');
    });

    it('dependsOn resource ids carry a resourceRef', () => {
      const key = one(model, 'Microsoft.KeyVault/vaults/keys');
      const dep = getProperty(key.body, 'dependsOn')!.value;
      const first = dep.kind === 'array' ? dep.items[0] : undefined;
      assert.deepEqual(first?.kind === 'scalar' && first.resourceRef, {
        type: 'Microsoft.KeyVault/vaults',
        name: 'kv-default',
      });
    });
  });

  describe('parameters files', () => {
    const PARAMS = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "VaultName": { "value": "kv-prod" },
    "adminObjectId": { "value": "00000000-0000-0000-0000-000000000001" },
    "secret": { "reference": { "keyVault": { "id": "/x" }, "secretName": "s" } },
    "notInTemplate": { "value": 1 }
  }
}
`;
    it('binds values from the parameters file with parameterFile provenance', () => {
      const m = parseArmFile('vault.json', VAULT_TEMPLATE, {
        parametersText: PARAMS,
        parametersFile: 'vault.parameters.json',
      });
      const vault = one(m, 'Microsoft.KeyVault/vaults');
      assert.equal(stringValue(vault.name), 'kv-prod');
      assertRange(vault.name.range, VAULT_TEMPLATE, `"[parameters('vaultName')]"`);
      const origin = vault.name.origins![0]!;
      assert.equal(origin.kind, 'parameterFile');
      assert.equal(origin.location.file, 'vault.parameters.json');
      assertRange(origin.location.range, PARAMS, '"kv-prod"');
      assert.equal(origin.location.range.start.line, 4);
      assert.equal(stringValue(one(m, 'Microsoft.KeyVault/vaults/keys').name), 'kv-prod/kv-prod-kek');
      assert.equal(m.sources.get('vault.parameters.json'), PARAMS);
      // The default is still known as the default.
      assert.equal(stringValue(m.parameters.find((p) => p.name === 'vaultName')!.defaultValue), 'kv-default');
      assert.ok(m.issues.some((i) => i.code === 'unknown-parameter' && i.message.includes('notInTemplate')));
    });

    it('bindParameters is the same as the option', () => {
      const m = bindParameters({ file: 'vault.json', text: VAULT_TEMPLATE }, PARAMS);
      assert.equal(stringValue(one(m, 'Microsoft.KeyVault/vaults').name), 'kv-prod');
      assert.equal(one(m, 'Microsoft.KeyVault/vaults').name.origins?.[0]?.location.file, 'vault.parameters.json');
    });

    it('reads a parameters file on its own', () => {
      const m = parseArmFile('vault.parameters.json', PARAMS);
      assert.equal(m.kind, 'armParameters');
      assert.equal(m.resources.length, 0);
      assert.deepEqual(
        m.parameters.map((p) => p.name),
        ['VaultName', 'adminObjectId', 'secret', 'notInTemplate'],
      );
      assert.equal(m.parameters[2]!.value.kind, 'unknown');
    });

    it('loadArmFile pairs files by name and by metadata', async () => {
      const files = new Map<string, string>([
        ['dir/vault.json', VAULT_TEMPLATE],
        ['dir/vault.parameters.json', PARAMS],
        [
          'dir/env/prod.json',
          PARAMS.replace('"contentVersion"', '"metadata": { "template": "../vault.json" },\n  "contentVersion"'),
        ],
      ]);
      const read = async (f: string): Promise<string | undefined> => files.get(f);
      const fromTemplate = await loadArmFile('dir/vault.json', VAULT_TEMPLATE, read);
      assert.equal(stringValue(one(fromTemplate, 'Microsoft.KeyVault/vaults').name), 'kv-prod');
      const fromParams = await loadArmFile('dir/vault.parameters.json', PARAMS, read);
      assert.equal(fromParams.file, 'dir/vault.json');
      assert.equal(stringValue(one(fromParams, 'Microsoft.KeyVault/vaults').name), 'kv-prod');
      const byMetadata = await loadArmFile('dir/env/prod.json', files.get('dir/env/prod.json')!, read);
      assert.equal(byMetadata.file, 'dir/vault.json');
      assert.equal(one(byMetadata, 'Microsoft.KeyVault/vaults').name.origins?.[0]?.location.file, 'dir/env/prod.json');
    });
  });

  describe('loops, conditions, nested deployments, symbolic names', () => {
    it('copy loops are read once with copyIndex() = 0', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "parameters": { "count": { "type": "int", "defaultValue": 3 } },
  "resources": [
    {
      "type": "Microsoft.Compute/disks",
      "name": "[concat('disk', copyIndex(1))]",
      "condition": "[greater(parameters('count'), 1)]",
      "copy": { "name": "diskLoop", "count": "[parameters('count')]" },
      "properties": {
        "copy": [
          { "name": "tags", "count": 2, "input": "[concat('t', copyIndex('tags'), '-', copyIndex('diskLoop'))]" }
        ]
      }
    }
  ]
}`;
      const m = parseArmFile('loop.json', text);
      const disk = one(m, 'Microsoft.Compute/disks');
      assert.equal(stringValue(disk.name), 'disk1');
      assert.equal(disk.loop?.count?.kind === 'scalar' && disk.loop.count.value, 3);
      assertRange(disk.loop!.range, text, `{ "name": "diskLoop", "count": "[parameters('count')]" }`);
      assert.equal(disk.condition?.kind === 'scalar' && disk.condition.value, true);
      assert.deepEqual(toPlain(getPath(disk.properties, 'tags')!), ['t0-0', 't1-0']);
    });

    it('reads symbolic-name resources (languageVersion 2.0) with existing', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "kv": { "existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2022-07-01", "name": "shared-kv" },
    "kek": {
      "type": "Microsoft.KeyVault/vaults/keys",
      "apiVersion": "2022-07-01",
      "name": "[format('{0}/{1}', 'shared-kv', 'kek')]",
      "dependsOn": ["kv"]
    }
  }
}`;
      const m = parseArmFile('main.json', text);
      assert.deepEqual(
        m.resources.map((r) => [r.id, r.type, stringValue(r.name), r.existing, r.parentId]),
        [
          ['kv', 'Microsoft.KeyVault/vaults', 'shared-kv', true, undefined],
          ['kek', 'Microsoft.KeyVault/vaults/keys', 'shared-kv/kek', false, 'kv'],
        ],
      );
    });

    it('reads inner-scoped nested deployments with their own parameters', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "parameters": { "vaultName": { "type": "string", "defaultValue": "outer-kv" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "vaultDeployment",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "name": { "value": "[concat(parameters('vaultName'), '-inner')]" } },
        "template": {
          "$schema": "${SCHEMA}",
          "parameters": { "name": { "type": "string" }, "vaultName": { "type": "string", "defaultValue": "shadow" } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "[parameters('name')]", "properties": { "x": "[parameters('vaultName')]" } }
          ]
        }
      }
    }
  ]
}`;
      const m = parseArmFile('outer.json', text);
      assert.deepEqual(m.issues, []);
      const deployment = one(m, 'Microsoft.Resources/deployments');
      const vault = one(m, 'Microsoft.KeyVault/vaults');
      assert.equal(stringValue(vault.name), 'outer-kv-inner');
      assert.equal(stringValue(getPath(vault.properties, 'x')), 'shadow');
      assert.equal(vault.via?.length, 1);
      assert.equal(vault.via![0]!.name, 'vaultDeployment');
      assert.equal(vault.via![0]!.targetFile, 'outer.json');
      assertRange(vault.via![0]!.location.range, text, '"vaultDeployment"');
      assert.equal(vault.name.origins?.[0]?.kind, 'moduleArgument');
      assert.equal(vault.name.origins?.[0]?.name, 'name');
      assert.equal(deployment.via, undefined);
      // The deployment's own body does not evaluate the inner template in the outer scope.
      const inner = getPath(deployment.properties, 'template', 'resources');
      const innerName = getPath(inner?.kind === 'array' ? inner.items[0] : undefined, 'name');
      assert.equal(innerName?.kind, 'unknown');
    });

    it('resources of a conditional or looped deployment carry its condition and loop', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "parameters": { "encrypt": { "type": "bool", "defaultValue": false } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "maybe",
      "condition": "[parameters('encrypt')]",
      "copy": { "name": "vms", "count": 2 },
      "properties": {
        "template": {
          "$schema": "${SCHEMA}",
          "resources": [
            { "type": "Microsoft.Compute/disks", "name": "plain" },
            { "type": "Microsoft.Compute/snapshots", "name": "own", "condition": true }
          ]
        }
      }
    }
  ]
}`;
      const m = parseArmFile('cond.json', text);
      const disk = one(m, 'Microsoft.Compute/disks');
      assert.equal(disk.condition?.kind === 'scalar' && disk.condition.value, false);
      assert.equal(disk.loop?.count?.kind === 'scalar' && disk.loop.count.value, 2);
      const snapshot = one(m, 'Microsoft.Compute/snapshots');
      assert.equal(snapshot.condition?.kind === 'scalar' && snapshot.condition.value, false);
      const on = parseArmFile('cond.json', text.replace('"defaultValue": false', '"defaultValue": true'));
      assert.equal(toPlain(one(on, 'Microsoft.Compute/snapshots').condition!), true);
    });

    it('reads outer-scoped nested deployments in the parent scope', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "variables": { "diskName": "data1" },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "nested",
      "properties": {
        "template": {
          "$schema": "${SCHEMA}",
          "resources": [{ "type": "Microsoft.Compute/disks", "name": "[variables('diskName')]" }]
        }
      }
    }
  ]
}`;
      const m = parseArmFile('outer.json', text);
      const disk = one(m, 'Microsoft.Compute/disks');
      assert.equal(stringValue(disk.name), 'data1');
      assert.equal(disk.via?.[0]?.name, 'nested');
    });

    it('follows local linked templates (templateLink.relativePath) through loadArmFile', async () => {
      const main = `{
  "$schema": "${SCHEMA}",
  "parameters": { "prefix": { "type": "string", "defaultValue": "prod" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "vaultLink",
      "properties": {
        "templateLink": { "relativePath": "modules/vault.json" },
        "parameters": { "vaultName": { "value": "[concat(parameters('prefix'), '-kv')]" } }
      }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "name": "remote",
      "properties": { "templateLink": { "uri": "https://example.invalid/t.json" } }
    }
  ]
}`;
      const linked = `{
  "$schema": "${SCHEMA}",
  "parameters": { "vaultName": { "type": "string" } },
  "resources": [{ "type": "Microsoft.KeyVault/vaults", "name": "[parameters('vaultName')]" }]
}`;
      const files = new Map([
        ['repo/main.json', main],
        ['repo/modules/vault.json', linked],
      ]);
      const reads: string[] = [];
      const m = await loadArmFile('repo/main.json', main, async (f) => {
        reads.push(f);
        return files.get(f);
      });
      const vault = one(m, 'Microsoft.KeyVault/vaults');
      assert.equal(stringValue(vault.name), 'prod-kv');
      assert.equal(vault.file, 'repo/modules/vault.json');
      assertRange(vault.declRange, linked, '"Microsoft.KeyVault/vaults"');
      assert.equal(vault.via?.[0]?.targetFile, 'repo/modules/vault.json');
      assert.equal(vault.via?.[0]?.location.file, 'repo/main.json');
      assert.equal(vault.name.origins?.[0]?.kind, 'moduleArgument');
      assert.equal(m.sources.get('repo/modules/vault.json'), linked);
      assert.ok(reads.includes('repo/modules/vault.json'));
      assert.ok(m.issues.some((i) => i.code === 'linked-template' && i.message.includes('only links')));

      // Without the linked text, the sync parser says what it did not read.
      const alone = parseArmFile('repo/main.json', main);
      assert.equal(byType(alone, 'Microsoft.KeyVault/vaults').length, 0);
      assert.ok(
        alone.issues.some((i) => i.code === 'linked-template' && i.message.includes('repo/modules/vault.json')),
      );
    });

    it('follows quickstart links relative to deployment().properties.templateLink.uri', async () => {
      const main = `{
  "$schema": "${SCHEMA}",
  "parameters": {
    "_artifactsLocation": { "type": "string", "defaultValue": "[deployment().properties.templateLink.uri]" },
    "_artifactsLocationSasToken": { "type": "securestring", "defaultValue": "" }
  },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "UpdateVmWithEncryption",
      "properties": {
        "mode": "Incremental",
        "templateLink": {
          "uri": "[uri(parameters('_artifactsLocation'), concat('nested/updatevm-kek.json', parameters('_artifactsLocationSasToken')))]"
        },
        "parameters": { "vmName": { "value": "vm1" } }
      }
    }
  ]
}`;
      const nested = `{
  "$schema": "${SCHEMA}",
  "parameters": { "vmName": { "type": "string" } },
  "resources": [{ "type": "Microsoft.Compute/virtualMachines", "name": "[parameters('vmName')]" }]
}`;
      const files = new Map([['qs/nested/updatevm-kek.json', nested]]);
      const m = await loadArmFile('qs/azuredeploy.json', main, async (f) => files.get(f));
      const vm = one(m, 'Microsoft.Compute/virtualMachines');
      assert.equal(stringValue(vm.name), 'vm1');
      assert.equal(vm.file, 'qs/nested/updatevm-kek.json');
      assert.equal(vm.via?.[0]?.name, 'UpdateVmWithEncryption');
    });

    it('links top-level child resources to their declared parent', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "resources": [
    { "type": "Microsoft.Compute/virtualMachines", "name": "vm1" },
    { "type": "Microsoft.Compute/virtualMachines/extensions", "name": "vm1/AzureDiskEncryption",
      "properties": { "settings": { "KeyVaultURL": "[reference(resourceId('Microsoft.KeyVault/vaults', 'kv')).vaultUri]" } } }
  ]
}`;
      const m = parseArmFile('vm.json', text);
      const ext = one(m, 'Microsoft.Compute/virtualMachines/extensions');
      assert.equal(ext.parentId, one(m, 'Microsoft.Compute/virtualMachines').id);
      const url: ValueNode | undefined = getPath(ext.properties, 'settings', 'KeyVaultURL');
      assert.equal(url?.kind, 'symbol');
    });

    it('substitutes falsy defaults (false, 0, empty string) and evaluates if() on parameters', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "parameters": {
    "encrypt": { "type": "bool", "defaultValue": false },
    "size": { "type": "int", "defaultValue": 0 },
    "tag": { "type": "string", "defaultValue": "" },
    "environment": { "type": "string", "defaultValue": "prod", "allowedValues": ["dev", "prod"] }
  },
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachines",
      "name": "vm",
      "properties": {
        "securityProfile": { "encryptionAtHost": "[parameters('encrypt')]" },
        "size": "[parameters('size')]",
        "tag": "[parameters('tag')]",
        "mode": "[if(equals(parameters('environment'), 'dev'), 'Detection', 'Prevention')]"
      }
    }
  ]
}`;
      const m = parseArmFile('falsy.json', text);
      const props = one(m, 'Microsoft.Compute/virtualMachines').properties;
      assert.equal(toPlain(getPath(props, 'securityProfile', 'encryptionAtHost')!), false);
      assert.equal(toPlain(getPath(props, 'size')!), 0);
      assert.equal(toPlain(getPath(props, 'tag')!), '');
      assert.equal(toPlain(getPath(props, 'mode')!), 'Prevention');
      assert.deepEqual(m.parameters.find((p) => p.name === 'environment')?.allowedValues, ['dev', 'prod']);
    });

    it('a whole properties object may come from a parameter', () => {
      const text = `{
  "$schema": "${SCHEMA}",
  "parameters": { "vaultProperties": { "type": "object", "defaultValue": { "enablePurgeProtection": true } } },
  "resources": [{ "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": "[parameters('vaultProperties')]" }]
}`;
      const vault = one(parseArmFile('p.json', text), 'Microsoft.KeyVault/vaults');
      assert.equal(toPlain(getPath(vault.properties, 'enablePurgeProtection')!), true);
      assertRange(vault.properties!.range, text, `"[parameters('vaultProperties')]"`);
      assertRange(getPath(vault.properties, 'enablePurgeProtection')!.range, text, 'true');
    });

    it('gives duplicate resources distinct ids', () => {
      const text = `{ "$schema": "${SCHEMA}", "resources": [
        { "type": "Microsoft.Compute/disks", "name": "d" }, { "type": "Microsoft.Compute/disks", "name": "d" } ] }`;
      const ids = parseArmFile('d.json', text).resources.map((r) => r.id);
      assert.deepEqual(ids, ['Microsoft.Compute/disks/d', 'Microsoft.Compute/disks/d#2']);
    });

    it('reports self-referencing variables instead of looping', () => {
      const text = `{ "$schema": "${SCHEMA}", "variables": { "a": "[variables('b')]", "b": "[variables('A')]" },
        "resources": [{ "type": "Microsoft.Compute/disks", "name": "[variables('a')]" }] }`;
      const m = parseArmFile('c.json', text);
      assert.equal(one(m, 'Microsoft.Compute/disks').name.kind, 'unknown');
      assert.ok(m.issues.some((i) => i.code === 'circular-reference'));
    });
  });
});
