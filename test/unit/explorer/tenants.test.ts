import * as assert from 'node:assert/strict';
import * as azure from '../../../src/azure';
import { asAzureApi, type AzureApi } from '../../../src/vscode/explorer/azureApi';
import { AzureLayerBackend } from '../../../src/vscode/explorer/azureBackend';
import { childrenOf } from '../../../src/vscode/explorer/model/children';
import { ExplorerStore } from '../../../src/vscode/explorer/model/store';

/** The Azure layer with tenant and subscription listing replaced: tenant t-mfa needs an interactive sign-in. */
function fakeAzure(): AzureApi {
  const real = asAzureApi(azure);
  return {
    ...real,
    listTenants: async () => [
      { tenantId: 't-home', displayName: 'Contoso' },
      { tenantId: 't-mfa', displayName: 'Fabrikam' },
      { tenantId: 't-locked', displayName: 'Locked' },
    ],
    listSubscriptions: async (_factory, tenantId) => {
      if (tenantId === 't-mfa') throw new real.NotSignedInError('t-mfa');
      if (tenantId === 't-locked') throw Object.assign(new Error('The account is locked.'), { statusCode: 400 });
      return [
        { subscriptionId: 'sub-1', displayName: 'Production', tenantId: 't-home' },
        { subscriptionId: 'SUB-1', displayName: 'Production (guest view)', tenantId: 't-home' },
      ];
    },
  };
}

describe('explorer: tenants and sign-in', () => {
  it('lists tenants that need MFA with a sign-in action instead of dropping them', async () => {
    const api = fakeAzure();
    const backend = new AzureLayerBackend(api, {
      kind: 'azure',
      title: 'Azure (test)',
      cloud: api.cloudByName('AzureCloud'),
      credential: { getToken: async () => null },
    });
    const store = new ExplorerStore(backend, api.describeAzureError);
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: false });
    const kids = await childrenOf(store, root, { groupByResourceGroup: false });
    const subs = kids.filter((k) => k.kind === 'subscription');
    assert.equal(subs.length, 1, 'a subscription seen twice is shown once');
    const mfa = kids.find((k) => k.kind === 'tenantSignIn');
    assert.ok(mfa, 'MFA tenant listed');
    assert.match(mfa.label, /Fabrikam/);
    assert.equal(mfa.contextValue, 'ade.tenant.needsSignIn');
    assert.deepEqual(mfa.command, { command: 'ade.signInToTenant', title: 'Sign In to Tenant', args: ['t-mfa'] });
    const locked = kids.find((k) => k.kind === 'error');
    assert.ok(locked, 'a failing tenant is reported, not fatal');
    assert.match(locked.label, /Locked/);
  });

  it('offers sign-in when the session is gone', async () => {
    const real = asAzureApi(azure);
    const api: AzureApi = {
      ...real,
      listTenants: async () => {
        throw new real.NotSignedInError();
      },
    };
    const backend = new AzureLayerBackend(api, {
      kind: 'azure',
      title: 'Azure',
      cloud: api.cloudByName('AzureChinaCloud'),
      credential: { getToken: async () => null },
    });
    assert.equal(backend.cloud.portalUrl, 'https://portal.azure.cn');
    assert.equal(backend.cloud.authProviderId, 'microsoft-sovereign-cloud');
    const store = new ExplorerStore(backend, api.describeAzureError);
    const [root] = await childrenOf(store, undefined, { groupByResourceGroup: false });
    const kids = await childrenOf(store, root, { groupByResourceGroup: false });
    assert.equal(kids[0]?.kind, 'signIn');
    assert.equal(kids[0]?.command?.command, 'ade.signIn');
  });
});
