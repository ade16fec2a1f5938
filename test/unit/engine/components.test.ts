import * as assert from 'node:assert/strict';
import { parseArmFile } from '../../../src/analysis/arm';
import { computeComponents } from '../../../src/analysis/engine/components';

const template = (vmName: string): string =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: vmName, properties: {} },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: 'vm1/AzureDiskEncryption',
        properties: { publisher: 'Microsoft.Azure.Security', type: 'AzureDiskEncryption' },
      },
      { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv1', properties: {} },
    ],
  });

function componentCount(vmName: string): number {
  const model = parseArmFile('t.json', template(vmName));
  return computeComponents(model.resources).members.size;
}

describe('lint components', () => {
  it('puts a child with its declared parent', () => {
    assert.equal(componentCount('vm1'), 2);
  });

  // Rules read an extension whose VM is not declared as possibly any VM's (ADE may be on it), so
  // after renaming the VM the two must still be linted together.
  it('puts a child whose named parent is not declared with every resource of the parent type', () => {
    assert.equal(componentCount('vm1x'), 2);
  });
});
