import * as assert from 'node:assert/strict';
import { RestError } from '@azure/core-rest-pipeline';
import {
  CLOUDS,
  SessionCredentialCache,
  cloudByName,
  createSessionCredential,
  keyVaultUrl,
  normalizeScopes,
} from '../../../src/azure/auth';
import { AzureOperationError, NotSignedInError, describeAzureError } from '../../../src/azure/errors';

describe('describeAzureError', () => {
  it('403 AuthorizationFailed → the refused action, the scope and a role hint', () => {
    const err = new RestError(
      "The client 'a@b.c' with object id 'x' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' or the scope is invalid.",
      { statusCode: 403, code: 'AuthorizationFailed' },
    );
    const p = describeAzureError(err);
    assert.equal(p.kind, 'forbidden');
    assert.equal(p.permission?.action, 'Microsoft.KeyVault/vaults/write');
    assert.equal(p.permission?.scope, '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv');
    assert.match(p.fix ?? '', /Key Vault Contributor/);
    assert.equal(p.retryable, false);
  });

  it('role assignment writes suggest User Access Administrator', () => {
    const p = describeAzureError(
      new RestError(
        "does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/s'",
        { statusCode: 403, code: 'AuthorizationFailed' },
      ),
    );
    assert.match(p.fix ?? '', /User Access Administrator/);
  });

  it('404, 409, 429, 5xx, 401 map to plain kinds; retryable where it helps', () => {
    const k = (status: number, code?: string) =>
      describeAzureError(new RestError('m', { statusCode: status, ...(code ? { code } : {}) }));
    assert.equal(k(404, 'ResourceNotFound').kind, 'notFound');
    assert.equal(k(409, 'Conflict').kind, 'conflict');
    assert.equal(k(409).retryable, true);
    assert.equal(k(429, 'TooManyRequests').kind, 'throttled');
    assert.equal(k(429).retryable, true);
    assert.equal(k(503).kind, 'server');
    assert.equal(k(401, 'InvalidAuthenticationToken').kind, 'unauthenticated');
    assert.equal(k(400, 'InvalidParameter').kind, 'badRequest');
  });

  it('reads ARM error bodies from details, handles cancellation, sign-in and our own errors', () => {
    const e = new RestError('x', { statusCode: 409 });
    (e as { details?: unknown }).details = { error: { code: 'AnotherOperationInProgress', message: 'busy' } };
    assert.equal(describeAzureError(e).code, 'AnotherOperationInProgress');
    const abort = new Error('The operation was aborted.');
    abort.name = 'AbortError';
    assert.equal(describeAzureError(abort).kind, 'cancelled');
    assert.equal(describeAzureError(new NotSignedInError('t')).kind, 'unauthenticated');
    const own = new AzureOperationError({ kind: 'badRequest', message: 'no', retryable: false });
    assert.equal(describeAzureError(own).message, 'no');
  });
});

describe('auth', () => {
  it('clouds carry ARM, portal, authority, scope and Key Vault suffix', () => {
    assert.equal(CLOUDS.AzureCloud.managementScope, 'https://management.azure.com/.default');
    assert.equal(cloudByName('ChinaCloud').keyVaultDnsSuffix, 'vault.azure.cn');
    assert.equal(cloudByName('USGovernment').resourceManagerEndpoint, 'https://management.usgovcloudapi.net');
    assert.equal(cloudByName(undefined).name, 'AzureCloud');
    assert.equal(keyVaultUrl(CLOUDS.AzureUSGovernment, 'kv1'), 'https://kv1.vault.usgovcloudapi.net/');
  });

  it('session credential: tenant-bound, .default scopes, expiry in ms or s, NotSignedIn when no session', async () => {
    const calls: { scopes: string[]; tenantId?: string }[] = [];
    const cred = createSessionCredential(async (scopes, tenantId) => {
      calls.push({ scopes, ...(tenantId ? { tenantId } : {}) });
      return tenantId === 'none' ? undefined : { accessToken: 'tok', expiresOn: 1_900_000_000 };
    }, 'tenant-a');
    const t = await cred.getToken('https://management.azure.com');
    assert.equal(t?.token, 'tok');
    assert.equal(t?.expiresOnTimestamp, 1_900_000_000_000);
    assert.deepEqual(calls[0], { scopes: ['https://management.azure.com/.default'], tenantId: 'tenant-a' });
    await cred.getToken(['https://management.azure.com/.default'], { tenantId: 'tenant-b' });
    assert.equal(calls[1]?.tenantId, 'tenant-b');
    await assert.rejects(cred.getToken('x', { tenantId: 'none' }), NotSignedInError);
    assert.deepEqual(normalizeScopes('https://vault.azure.net/'), ['https://vault.azure.net/.default']);
  });

  it('one credential per tenant', () => {
    const cache = new SessionCredentialCache(async () => undefined);
    assert.equal(cache.forTenant('A'), cache.forTenant('a'));
    assert.notEqual(cache.forTenant('a'), cache.forTenant('b'));
  });
});
