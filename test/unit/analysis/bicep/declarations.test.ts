import * as assert from 'node:assert/strict';
import { parse, plainValue, prop, resource, span, variable, where } from './helpers';

const VAULT = `targetScope = 'resourceGroup'

@description('Where to deploy')
@allowed([
  'westeurope'
  'northeurope'
])
param location string = 'westeurope'
param vaultName string = 'kv-main'
param count int = 2
param optional object?

var tags = {
  env: 'prod'
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    enabledForDiskEncryption: true
    tenantId: subscription().tenantId
  }

  resource key 'keys' = {
    name: 'kek'
    properties: {
      kty: 'RSA'
    }
  }

  resource secret 'Microsoft.KeyVault/vaults/secrets@2023-02-01' = {
    name: 's1'
  }
}

resource policy 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {
  parent: kv
  name: 'add'
}

resource other 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared-kv'
  scope: resourceGroup('shared-rg')
}

resource maybe 'Microsoft.Compute/disks@2023-04-02' = if (count > 1) {
  name: 'disk-\${count}'
  location: location
}

resource disks 'Microsoft.Compute/disks@2023-04-02' = [for (d, i) in range(0, count): {
  name: 'disk\${i}'
  location: location
}]

resource fromList 'Microsoft.Compute/disks@2023-04-02' = [for d in [{ n: 'a', on: true }, { n: 'b', on: false }]: if (d.on) {
  name: d.n
}]

resource unknownItems 'Microsoft.Compute/disks@2023-04-02' = [for d in optional.disks: {
  name: d.name
}]

type settings = {
  a: string
}
func double(x int) int => x * 2
import { shared } from 'shared.bicep'

output vaultId string = kv.id
output uri string = kv.properties.vaultUri
`;

describe('bicep declarations', () => {
  it('reads parameters with defaults, types and @allowed values', async () => {
    const m = await parse(VAULT);
    const loc = m.parameters.find((p) => p.name === 'location')!;
    assert.equal(loc.type, 'string');
    assert.deepEqual(loc.allowedValues, ['westeurope', 'northeurope']);
    assert.equal(plainValue(loc.value), 'westeurope');
    assert.equal(plainValue(loc.defaultValue), 'westeurope');
    assert.deepEqual(span(loc.declRange), where(VAULT, 'location string'.slice(0, 8)));
    const optional = m.parameters.find((p) => p.name === 'optional')!;
    assert.equal(optional.defaultValue, undefined);
    assert.equal(plainValue(optional.value), null, 'a nullable parameter without default is null');
  });

  it('reads variables and outputs', async () => {
    const m = await parse(VAULT);
    assert.deepEqual(plainValue(variable(m, 'tags')), { env: 'prod' });
    const out = m.outputs.find((o) => o.name === 'vaultId')!;
    assert.equal(
      plainValue(out.value),
      '/subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/kv-main',
    );
    assert.equal(plainValue(m.outputs.find((o) => o.name === 'uri')!.value), 'https://kv-main.vault.azure.net/');
  });

  it('reads a resource with its evaluated name, location, properties and declaration range', async () => {
    const m = await parse(VAULT);
    const kv = resource(m, 'kv');
    assert.equal(kv.type, 'Microsoft.KeyVault/vaults');
    assert.equal(kv.apiVersion, '2023-07-01');
    assert.equal(plainValue(kv.name), 'kv-main');
    assert.equal(plainValue(kv.location), 'westeurope');
    assert.equal(plainValue(prop(kv.properties, 'enabledForDiskEncryption')), true);
    assert.deepEqual(plainValue(prop(kv.properties, 'tenantId')), { symbol: 'subscription().tenantId' });
    // The symbolic name `kv` in `resource kv '...'` (line 17 of the text, 0-based 16).
    assert.deepEqual(span(kv.declRange), [16, 9, 16, 11]);
    assert.deepEqual(span(kv.body.range).slice(0, 2), where(VAULT, '{\n  name: vaultName').slice(0, 2));
    assert.equal(kv.existing, false);
    assert.equal(kv.condition, undefined);
    assert.equal(kv.loop, undefined);
    assert.equal(kv.file, '/virtual/main.bicep');
    // Nested resource declarations are not properties of the body.
    assert.deepEqual(
      kv.body.properties.map((p) => p.key),
      ['name', 'location', 'tags', 'properties'],
    );
  });

  it('flattens nested child resources with full type, parent/child name and parentId', async () => {
    const m = await parse(VAULT);
    const key = resource(m, 'kv::key');
    assert.equal(key.type, 'Microsoft.KeyVault/vaults/keys');
    assert.equal(key.apiVersion, '2023-07-01', 'a relative child type inherits the parent API version');
    assert.equal(plainValue(key.name), 'kv-main/kek');
    assert.equal(key.parentId, 'kv');
    assert.deepEqual(span(key.declRange), where(VAULT, 'key'));
    const secret = resource(m, 'kv::secret');
    assert.equal(secret.type, 'Microsoft.KeyVault/vaults/secrets');
    assert.equal(secret.apiVersion, '2023-02-01');
    assert.equal(plainValue(secret.name), 'kv-main/s1');
  });

  it('completes a `parent:` child from its parent', async () => {
    const m = await parse(VAULT);
    const policy = resource(m, 'policy');
    assert.equal(policy.type, 'Microsoft.KeyVault/vaults/accessPolicies');
    assert.equal(plainValue(policy.name), 'kv-main/add');
    assert.equal(policy.parentId, 'kv');
  });

  it('marks existing resources and keeps their scope in ids', async () => {
    const m = await parse(VAULT);
    const other = resource(m, 'other');
    assert.equal(other.existing, true);
    const ids = await parse(`${VAULT}\noutput otherId string = other.id\n`);
    const id = ids.outputs.find((o) => o.name === 'otherId')!.value;
    assert.equal(id.kind, 'scalar');
    if (id.kind !== 'scalar') return;
    assert.equal(
      id.value,
      '/subscriptions/{subscriptionId}/resourceGroups/shared-rg/providers/Microsoft.KeyVault/vaults/shared-kv',
    );
    assert.deepEqual(id.resourceRef, {
      type: 'Microsoft.KeyVault/vaults',
      name: 'shared-kv',
      scope: '/subscriptions/{subscriptionId}/resourceGroups/shared-rg',
    });
  });

  it('sets the condition of `if` resources, with the inner object as body', async () => {
    const m = await parse(VAULT);
    const maybe = resource(m, 'maybe');
    assert.equal(plainValue(maybe.condition), true);
    assert.deepEqual(span(maybe.condition!), where(VAULT, 'count > 1'));
    assert.equal(plainValue(maybe.name), 'disk-2');
    const open = where(VAULT, "{\n  name: 'disk-");
    assert.deepEqual(span(maybe.body.range).slice(0, 2), open.slice(0, 2));
  });

  it('evaluates loop bodies for a representative item and records the loop', async () => {
    const m = await parse(VAULT);
    const disks = resource(m, 'disks');
    assert.equal(plainValue(disks.name), 'disk0');
    assert.equal(plainValue(disks.loop?.count), 2);
    const loopStart = where(VAULT, '[for (d, i)');
    assert.deepEqual(span(disks.loop!.range).slice(0, 2), loopStart.slice(0, 2));
    assert.deepEqual(span(disks.loop!.range).slice(2), where(VAULT, '}]').slice(2));
    const fromList = resource(m, 'fromList');
    assert.equal(plainValue(fromList.name), 'a');
    assert.equal(plainValue(fromList.condition), true);
    assert.equal(plainValue(fromList.loop?.count), 2);
    const unknownItems = resource(m, 'unknownItems');
    assert.equal(unknownItems.name.kind, 'unknown');
    assert.ok(unknownItems.loop);
  });

  it('ignores user-defined types, functions and imports without issues', async () => {
    const m = await parse(VAULT);
    assert.deepEqual(m.issues, []);
    const withUse = await parse(`${VAULT}\nvar a = double(2)\nvar b = shared.x\n`);
    const a = variable(withUse, 'a');
    const b = variable(withUse, 'b');
    assert.equal(a.kind, 'unknown');
    assert.equal(b.kind, 'unknown');
    if (b.kind === 'unknown') assert.match(b.reason, /imported/);
  });

  it('uses subscription-level ids for targetScope subscription', async () => {
    const m = await parse(`targetScope = 'subscription'
resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg1'
  location: 'westeurope'
}
output id string = rg.id
`);
    assert.equal(
      plainValue(m.outputs[0]!.value),
      '/subscriptions/{subscriptionId}/providers/Microsoft.Resources/resourceGroups/rg1',
    );
  });
});
