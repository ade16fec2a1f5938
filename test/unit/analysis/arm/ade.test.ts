import * as assert from 'node:assert/strict';
import { parametersFileCandidates, parseArmFile, templateFileCandidates } from '../../../../src/analysis/arm';
import { resolveRelativeTo } from '../../../../src/analysis/arm/paths';
import type { Resource, TemplateModel } from '../../../../src/analysis/model';
import { getPath, stringValue } from '../../../../src/analysis/model';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A VM with the Azure Disk Encryption extension pointing at a vault and a key encryption key. */
const ADE_TEMPLATE = `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vmName": { "type": "string", "defaultValue": "app-vm" },
    "keyVaultName": { "type": "string", "defaultValue": "ade-kv" },
    "keyVaultResourceGroup": { "type": "string", "defaultValue": "[resourceGroup().name]" },
    "keyEncryptionKeyName": { "type": "string", "defaultValue": "kek" },
    "volumeType": { "type": "string", "defaultValue": "All", "allowedValues": ["OS", "Data", "All"] },
    "forceUpdateTag": { "type": "string", "defaultValue": "[utcNow()]" }
  },
  "variables": {
    "vaultId": "[resourceId(parameters('keyVaultResourceGroup'), 'Microsoft.KeyVault/vaults', parameters('keyVaultName'))]",
    "kekId": "[resourceId('Microsoft.KeyVault/vaults/keys', parameters('keyVaultName'), parameters('keyEncryptionKeyName'))]"
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2022-07-01",
      "name": "[parameters('keyVaultName')]",
      "location": "[resourceGroup().location]",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": { "family": "A", "name": "standard" },
        "enabledForDiskEncryption": true,
        "enableSoftDelete": true,
        "enablePurgeProtection": true,
        "accessPolicies": []
      }
    },
    {
      "type": "Microsoft.KeyVault/vaults/keys",
      "apiVersion": "2022-07-01",
      "name": "[format('{0}/{1}', parameters('keyVaultName'), parameters('keyEncryptionKeyName'))]",
      "properties": { "kty": "RSA", "keySize": 4096 }
    },
    {
      "type": "Microsoft.Compute/virtualMachines",
      "apiVersion": "2023-03-01",
      "name": "[parameters('vmName')]",
      "location": "[resourceGroup().location]",
      "properties": { "storageProfile": { "osDisk": { "osType": "Windows", "createOption": "FromImage" } } },
      "resources": [
        {
          "type": "extensions",
          "apiVersion": "2023-03-01",
          "name": "AzureDiskEncryption",
          "location": "[resourceGroup().location]",
          "dependsOn": ["[resourceId('Microsoft.Compute/virtualMachines', parameters('vmName'))]"],
          "properties": {
            "publisher": "Microsoft.Azure.Security",
            "type": "AzureDiskEncryption",
            "typeHandlerVersion": "2.2",
            "autoUpgradeMinorVersion": true,
            "forceUpdateTag": "[parameters('forceUpdateTag')]",
            "settings": {
              "EncryptionOperation": "EnableEncryption",
              "KeyVaultURL": "[reference(variables('vaultId'), '2022-07-01').vaultUri]",
              "KeyVaultResourceId": "[variables('vaultId')]",
              "KeyEncryptionKeyURL": "[reference(variables('kekId'), '2022-07-01').keyUriWithVersion]",
              "KekVaultResourceId": "[variables('vaultId')]",
              "KeyEncryptionAlgorithm": "RSA-OAEP",
              "VolumeType": "[parameters('volumeType')]",
              "ResizeOSDisk": false
            }
          }
        }
      ]
    }
  ]
}
`;

function one(model: TemplateModel, type: string): Resource {
  const found = model.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
  assert.equal(found.length, 1, type);
  return found[0]!;
}

describe('ARM reader on an Azure Disk Encryption template', () => {
  const model = parseArmFile('ade.json', ADE_TEMPLATE);
  const ext = one(model, 'Microsoft.Compute/virtualMachines/extensions');
  const settings = getPath(ext.properties, 'settings');

  it('reads the extension as a child of the VM', () => {
    assert.deepEqual(model.issues, []);
    assert.equal(stringValue(ext.name), 'app-vm/AzureDiskEncryption');
    assert.equal(ext.parentId, one(model, 'Microsoft.Compute/virtualMachines').id);
    assert.equal(stringValue(getPath(ext.properties, 'publisher')), 'Microsoft.Azure.Security');
  });

  it('KeyVaultResourceId points at the declared vault, even with the own resource group spelled out', () => {
    const id = getPath(settings, 'KeyVaultResourceId');
    assert.equal(id?.kind, 'scalar');
    if (id?.kind !== 'scalar') return;
    assert.deepEqual(id.resourceRef, { type: 'Microsoft.KeyVault/vaults', name: 'ade-kv' });
    const vault = one(model, 'Microsoft.KeyVault/vaults');
    assert.equal(stringValue(vault.name), id.resourceRef?.name);
    assert.deepEqual(
      id.origins?.map((o) => `${o.kind}:${o.name}`),
      ['variable:vaultId', 'parameterDefault:keyVaultResourceGroup', 'parameterDefault:keyVaultName'],
    );
  });

  it('KeyVaultURL and KeyEncryptionKeyURL are deploy-time symbols of the referenced resources', () => {
    const url = getPath(settings, 'KeyVaultURL');
    assert.equal(
      url?.kind === 'symbol' && url.expr,
      "reference('/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/ade-kv').vaultUri",
    );
    const kek = getPath(settings, 'KeyEncryptionKeyURL');
    assert.equal(kek?.kind, 'symbol');
  });

  it('the key is linked to its vault', () => {
    const key = one(model, 'Microsoft.KeyVault/vaults/keys');
    assert.equal(stringValue(key.name), 'ade-kv/kek');
    assert.equal(key.parentId, one(model, 'Microsoft.KeyVault/vaults').id);
  });

  it('plain settings and parameter-driven settings are known; non-deterministic ones are not', () => {
    assert.equal(stringValue(getPath(settings, 'VolumeType')), 'All');
    assert.equal(getPath(settings, 'ResizeOSDisk')?.kind, 'scalar');
    const tag = getPath(ext.properties, 'forceUpdateTag');
    assert.equal(tag?.kind === 'unknown' && tag.reason, "function 'utcNow' is not evaluated");
  });

  it('a vault in another resource group is marked with its scope', () => {
    const other = parseArmFile('ade.json', ADE_TEMPLATE, {
      parametersText: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        parameters: { keyVaultResourceGroup: { value: 'security-rg' } },
      }),
    });
    const id = getPath(
      getPath(one(other, 'Microsoft.Compute/virtualMachines/extensions').properties, 'settings'),
      'KeyVaultResourceId',
    );
    assert.equal(
      id?.kind === 'scalar' && id.resourceRef?.scope,
      '/subscriptions/{subscriptionId}/resourceGroups/security-rg',
    );
  });
});

describe('ARM file pairing and paths', () => {
  it('pairs templates and parameters files by name', () => {
    assert.deepEqual(parametersFileCandidates('a/azuredeploy.json'), ['a/azuredeploy.parameters.json']);
    assert.deepEqual(parametersFileCandidates('C:\\t\\main.json'), ['C:\\t\\main.parameters.json']);
    assert.deepEqual(parametersFileCandidates('a/x.parameters.json'), []);
    assert.deepEqual(templateFileCandidates('a/x.parameters.json'), ['a/x.json', 'a/x.bicep']);
    assert.deepEqual(templateFileCandidates('a/x.parameters.prod.json'), ['a/x.json', 'a/x.bicep']);
    assert.deepEqual(templateFileCandidates('a/other.json'), []);
  });

  it('puts the metadata template path first', () => {
    const text =
      '{"$schema": "x/deploymentParameters.json#", "metadata": {"template": "../main.json"}, "parameters": {}}';
    assert.deepEqual(templateFileCandidates('repo/env/x.parameters.json', text), [
      'repo/main.json',
      'repo/env/x.json',
      'repo/env/x.bicep',
    ]);
  });

  it('resolves relative paths for files and URIs', () => {
    assert.equal(resolveRelativeTo('repo/a/main.json', 'nested/b.json'), 'repo/a/nested/b.json');
    assert.equal(resolveRelativeTo('repo/a/main.json', './../b.json'), 'repo/b.json');
    assert.equal(resolveRelativeTo('/abs/main.json', '../../x.json'), '/x.json');
    assert.equal(resolveRelativeTo('C:\\t\\main.json', 'n\\b.json'), 'C:\\t\\n\\b.json');
    assert.equal(resolveRelativeTo('file:///w/main.json', 'n/b.json'), 'file:///w/n/b.json');
    assert.equal(resolveRelativeTo('repo/main.json', '/etc/x.json'), '/etc/x.json');
    assert.equal(resolveRelativeTo('main.json', 'b.json'), 'b.json');
  });
});
