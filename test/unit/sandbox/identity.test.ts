import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { createSandbox, type Sandbox } from '../../../src/sandbox';
import { actionOf } from '../../../src/sandbox/permissions';
import { collect, errorCode, raw } from './helpers';

const OPERATOR = 'aaaaaaaa-0000-4000-8000-000000000001';
const READER = 'aaaaaaaa-0000-4000-8000-000000000002';
const ARM_SCOPE = 'https://management.core.windows.net//.default';

async function post(
  sb: Sandbox,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const req = createPipelineRequest({
    url: `${sb.endpoint}${path}`,
    method: 'POST',
    headers: createHttpHeaders({ 'content-type': 'application/x-www-form-urlencoded' }),
  });
  req.body = new URLSearchParams(form).toString();
  const res = await sb.httpClient.sendRequest(req);
  return { status: res.status, body: JSON.parse(res.bodyAsText ?? '{}') as Record<string, unknown> };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('sandbox: sign-in endpoints and tokens', () => {
  it('serves ARM cloud metadata with every endpoint at the sandbox, without a token', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const res = await raw(sb, 'GET', '/metadata/endpoints?api-version=2022-09-01', { auth: false });
    assert.equal(res.status, 200);
    const cloud = res.body as Record<string, unknown>;
    const auth = cloud?.['authentication'] as { loginEndpoint: string; audiences: string[]; tenant: string };
    assert.equal(cloud?.['resourceManager'], `${sb.endpoint}/`);
    assert.equal(auth.loginEndpoint, `${sb.endpoint}/`);
    assert.ok(auth.audiences.includes('https://management.core.windows.net/'));
    assert.equal((cloud?.['suffixes'] as Record<string, string>)['keyVaultDns'], 'vault.azure.net');
    const list = await raw(sb, 'GET', '/metadata/endpoints?api-version=2019-05-01', { auth: false });
    assert.deepEqual(list.body, [cloud]);
    const old = await raw(sb, 'GET', '/metadata/endpoints?api-version=2015-01-01', { auth: false });
    assert.equal(
      (old.body as { authentication: { loginEndpoint: string } }).authentication.loginEndpoint,
      `${sb.endpoint}/`,
    );
  });

  it('OpenID discovery names the token endpoint and a key set that verifies the RS256 tokens', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const oidc = await raw(sb, 'GET', `/${sb.tenantId}/v2.0/.well-known/openid-configuration`, { auth: false });
    const conf = oidc.body as { token_endpoint: string; jwks_uri: string; issuer: string };
    assert.equal(conf.token_endpoint, `${sb.endpoint}/${sb.tenantId}/oauth2/v2.0/token`);
    const keys = await raw(sb, 'GET', new URL(conf.jwks_uri).pathname, { auth: false });
    const jwk = (keys.body as { keys: { kid: string; n: string; e: string; kty: string }[] }).keys[0]!;
    const tok = await post(sb, `/${sb.tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: OPERATOR,
      client_secret: 'sandbox',
      scope: ARM_SCOPE,
    });
    assert.equal(tok.status, 200);
    assert.equal(tok.body['token_type'], 'Bearer');
    const token = String(tok.body['access_token']);
    const [h, p, sig] = token.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string; kid: string };
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, jwk.kid);
    const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url')));
    const claims = claimsOf(token);
    assert.equal(claims['appid'], OPERATOR);
    assert.equal(claims['oid'], 'bbbbbbbb-0000-4000-8000-000000000001');
    assert.equal(claims['tid'], sb.tenantId);
    assert.equal(claims['aud'], 'https://management.core.windows.net/');
    assert.ok(Number(claims['exp']) > Date.now() / 1000 + 3000);
  });

  it("a wrong secret gets Entra ID's invalid_client answer; an unknown app unauthorized_client", async () => {
    const sb = createSandbox({ clock: 'manual' });
    const bad = await post(sb, `/${sb.tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: READER,
      client_secret: 'wrong',
      scope: ARM_SCOPE,
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body['error'], 'invalid_client');
    assert.deepEqual(bad.body['error_codes'], [7000215]);
    assert.match(String(bad.body['error_description']), /^AADSTS7000215: Invalid client secret provided/);
    const unknown = await post(sb, `/${sb.tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: '00000000-0000-0000-0000-000000000000',
      client_secret: 'sandbox',
      scope: ARM_SCOPE,
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body['error'], 'unauthorized_client');
    assert.match(String(unknown.body['error_description']), /^AADSTS700016: /);
  });

  it('ARM refuses forged, expired and wrong-audience tokens with its own codes', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const path = `/subscriptions/${sb.subscriptions[0]!.subscriptionId}/resourcegroups?api-version=2022-09-01`;
    const good = (await sb.credential.getToken(ARM_SCOPE))!.token;
    assert.equal((await raw(sb, 'GET', path, { token: good })).status, 200);
    const [h, , s] = good.split('.');
    const forgedClaims = { ...claimsOf(good), oid: 'bbbbbbbb-0000-4000-8000-000000000009' };
    const forged = `${h}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${s}`;
    const f = await raw(sb, 'GET', path, { token: forged });
    assert.equal(f.status, 401);
    assert.equal((f.body as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    assert.equal((await raw(sb, 'GET', path, { token: 'sandbox-token' })).status, 401);

    const graph = (await sb.credential.getToken('https://graph.microsoft.com/.default'))!.token;
    const g = await raw(sb, 'GET', path, { token: graph });
    assert.equal((g.body as { error: { code: string } }).error.code, 'InvalidAuthenticationTokenAudience');

    const shortLived = createSandbox({ clock: 'manual', tokenLifetimeSeconds: 0 });
    const expired = (await shortLived.credential.getToken(ARM_SCOPE))!.token;
    const e = await raw(shortLived, 'GET', path, { token: expired });
    assert.equal(e.status, 401);
    const err = (e.body as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'ExpiredAuthenticationToken');
    assert.match(err.message, /^The access token expiry UTC time '.+ [AP]M' is earlier than current UTC time '.+'\.$/);
    assert.match(e.headers['www-authenticate'] ?? '', /error="invalid_token"/);
  });
});

describe('sandbox: role-based access', () => {
  const prod = '4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10';
  const dr = '9b2d7e41-3c5f-4a68-b1e9-2f4c6d8a0c20';

  it('derives the RBAC action from method and path', () => {
    const vm = `/subscriptions/${prod}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`;
    assert.equal(actionOf('PUT', `${vm}/extensions/ade`), 'Microsoft.Compute/virtualMachines/extensions/write');
    assert.equal(actionOf('GET', `${vm}/instanceView`), 'Microsoft.Compute/virtualMachines/instanceView/read');
    assert.equal(actionOf('POST', `${vm}/runCommand`), 'Microsoft.Compute/virtualMachines/runCommand/action');
    assert.equal(actionOf('DELETE', vm), 'Microsoft.Compute/virtualMachines/delete');
    assert.equal(
      actionOf('GET', `/subscriptions/${prod}/resourcegroups`),
      'Microsoft.Resources/subscriptions/resourcegroups/read',
    );
    assert.equal(
      actionOf('PUT', `${vm}/providers/Microsoft.Authorization/roleAssignments/x`),
      'Microsoft.Authorization/roleAssignments/write',
    );
  });

  it('the reader reads Production, sees only Production and gets AuthorizationFailed for writes and DR', async () => {
    const sb = createSandbox({ clock: 'manual' });
    const reader = sb.credentialFor('ade-reader');
    const subs = await collect(
      new SubscriptionClient(reader, { endpoint: sb.endpoint, httpClient: sb.httpClient }).subscriptions.list(),
    );
    assert.deepEqual(
      subs.map((s) => s.subscriptionId),
      [prod],
    );
    const opts = { endpoint: sb.endpoint, httpClient: sb.httpClient, retryOptions: { maxRetries: 0 } };
    const compute = new ComputeManagementClient(reader, prod, opts);
    assert.equal((await collect(compute.virtualMachines.listAll())).length, 9);
    let message = '';
    await assert.rejects(
      compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(
        'rg-ade-prod',
        'vm-plain',
        'AzureDiskEncryptionForLinux',
        {
          location: 'eastus',
          publisher: 'Microsoft.Azure.Security',
          typePropertiesType: 'AzureDiskEncryptionForLinux',
          typeHandlerVersion: '1.1',
        },
      ),
      (e) => {
        message = (e as Error).message;
        return errorCode(e) === 'AuthorizationFailed' && (e as { statusCode?: number }).statusCode === 403;
      },
    );
    assert.equal(
      message,
      `The client '${READER}' with object id 'bbbbbbbb-0000-4000-8000-000000000002' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/extensions/write' over scope '/subscriptions/${prod}/resourceGroups/rg-ade-prod/providers/Microsoft.Compute/virtualMachines/vm-plain/extensions/AzureDiskEncryptionForLinux' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
    await assert.rejects(
      collect(new ComputeManagementClient(reader, dr, opts).virtualMachines.listAll()),
      (e) => errorCode(e) === 'AuthorizationFailed',
    );
    // The operator (Owner on both) may do both.
    const operator = new ComputeManagementClient(sb.credential, dr, opts);
    assert.equal((await collect(operator.virtualMachines.listAll())).length, 1);
  });

  it('Contributor cannot write role assignments (notActions); Owner can', async () => {
    const sb = createSandbox({
      clock: 'manual',
      scenario: {
        principals: [
          { name: 'owner', appId: 'a1', objectId: 'o1', secret: 's' },
          { name: 'contrib', appId: 'a2', objectId: 'o2', secret: 's' },
        ],
        subscriptions: [
          {
            subscriptionId: prod,
            displayName: 'P',
            tenantId: 't',
            resourceGroups: [{ name: 'rg', location: 'eastus' }],
            roleAssignments: [
              { scope: 'subscription', role: 'Owner', principal: 'owner' },
              { scope: 'rg:rg', role: 'Contributor', principal: 'contrib' },
            ],
          },
        ],
      },
    });
    const path = `/subscriptions/${prod}/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/0b6e2d5e-1111-4222-8333-444455556666?api-version=2022-04-01`;
    const body = {
      properties: {
        roleDefinitionId: `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
        principalId: 'o9',
      },
    };
    const contrib = (await sb.credentialFor('contrib').getToken(ARM_SCOPE))!.token;
    const denied = await raw(sb, 'PUT', path, { token: contrib, body });
    assert.equal(denied.status, 403);
    assert.match(
      (denied.body as { error: { message: string } }).error.message,
      /Microsoft\.Authorization\/roleAssignments\/write/,
    );
    // Contributor's scope is the group: the subscription is out of reach even for reads.
    const subRead = await raw(sb, 'GET', `/subscriptions/${prod}/resourcegroups?api-version=2022-09-01`, {
      token: contrib,
    });
    assert.equal(subRead.status, 403);
    const owner = (await sb.credentialFor('owner').getToken(ARM_SCOPE))!.token;
    assert.equal((await raw(sb, 'PUT', path, { token: owner, body })).status, 201);
  });
});
