// The sign-in side of the sandbox: ARM's cloud metadata, Entra ID's OpenID discovery, key set and token endpoint,
// at the sandbox's own origin, so the Azure CLI (`az cloud register`, `az login --service-principal`) and the
// SDK's ClientSecretCredential sign in as they do against Azure. These routes need no token and no api-version.
// - Metadata: https://learn.microsoft.com/azure/azure-resource-manager/management/ (GET /metadata/endpoints);
//   the CLI reads it in azure/cli/core/cloud.py (get_clouds_from_metadata_endpoint / _arm_to_cli_mapper).
// - OpenID discovery and tokens: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc and
//   https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
// - Errors: https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS7000215, 700016).
import { randomUUID } from 'node:crypto';
import type { Router, SandboxRequest, SandboxResponse } from '../router';
import type { SandboxSubscription } from '../types';
import type { Directory } from './principals';
import { jwks, signToken } from './tokens';

export interface SignInOptions {
  directory: Directory;
  subscriptions: SandboxSubscription[];
  /** Lifetime of issued tokens (wall-clock seconds; token expiry is checked against the real clock). */
  tokenLifetimeSeconds: number;
}

/** ARM's audiences: a token for either resource works against management.azure.com. */
export const ARM_AUDIENCES = ['https://management.core.windows.net/', 'https://management.azure.com/'];

const KEY_VAULT_DNS_SUFFIX = 'vault.azure.net';

export function tenantIds(subscriptions: readonly SandboxSubscription[]): string[] {
  return [...new Set(subscriptions.map((s) => s.tenantId))];
}

function metadata(req: SandboxRequest, subscriptions: readonly SandboxSubscription[]): unknown {
  const base = req.url.origin;
  const tenant = tenantIds(subscriptions)[0] ?? 'common';
  const cloud = {
    name: 'AdeSandbox',
    portal: base,
    resourceManager: `${base}/`,
    authentication: {
      loginEndpoint: `${base}/`,
      audiences: [...ARM_AUDIENCES],
      tenant,
      identityProvider: 'AAD',
    },
    media: base,
    graphAudience: `${base}/`,
    graph: `${base}/`,
    microsoftGraphResourceId: `${base}/`,
    batch: `${base}/`,
    activeDirectoryDataLake: `${base}/`,
    sqlManagement: `${base}/`,
    gallery: `${base}/`,
    appInsightsResourceId: `${base}/`,
    appInsightsTelemetryChannelResourceId: `${base}/`,
    attestationResourceId: `${base}/`,
    synapseAnalyticsResourceId: `${base}/`,
    logAnalyticsResourceId: `${base}/`,
    ossrDbmsResourceId: `${base}/`,
    suffixes: {
      keyVaultDns: KEY_VAULT_DNS_SUFFIX,
      storage: 'core.windows.net',
      sqlServerHostname: 'database.windows.net',
      acrLoginServer: 'azurecr.io',
      attestationEndpoint: 'attest.azure.net',
      synapseAnalytics: 'dev.azuresynapse.net',
    },
  };
  // api-version 2015-01-01 answers one object of the old shape; 2019-05-01 the list of clouds (ARM_CLOUD_METADATA_URL
  // in the CLI); 2022-09-01 one cloud (what `az cloud register --endpoint-resource-manager` reads, in
  // azure/cli/command_modules/cloud/custom.py _populate_from_metadata_endpoint, and maps with _arm_to_cli_mapper).
  const version = req.url.searchParams.get('api-version') ?? '';
  if (version < '2019-05-01') {
    return {
      galleryEndpoint: cloud.gallery,
      graphEndpoint: cloud.graph,
      portalEndpoint: cloud.portal,
      authentication: { loginEndpoint: cloud.authentication.loginEndpoint, audiences: cloud.authentication.audiences },
    };
  }
  return version < '2022-09-01' ? [cloud] : cloud;
}

function openIdConfiguration(req: SandboxRequest, tenant: string): unknown {
  const base = `${req.url.origin}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${req.url.origin}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${req.url.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'ver'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: req.url.host,
    cloud_graph_host_name: req.url.host,
    msgraph_host: req.url.host,
  };
}

/** Entra ID's OAuth error body (RFC 6749 section 5.2 plus its own fields). */
function oauthError(status: number, error: string, aadsts: number, description: string): SandboxResponse {
  const trace = randomUUID();
  const correlation = randomUUID();
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${timestamp.replace('T', ' ')}`,
      error_codes: [aadsts],
      timestamp: timestamp.replace('T', ' '),
      trace_id: trace,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    },
  };
}

/** `https://management.core.windows.net//.default` -> `https://management.core.windows.net/` (the v1 resource). */
export function audienceOfScope(scope: string): string {
  const first = scope.split(/\s+/).find((s) => s.endsWith('/.default')) ?? scope.split(/\s+/)[0] ?? '';
  return first.replace(/\/\.default$/, '');
}

export function registerSignIn(router: Router, o: SignInOptions): void {
  const knownTenant = (t: string): boolean =>
    ['common', 'organizations'].includes(t.toLowerCase()) ||
    tenantIds(o.subscriptions).some((x) => x.toLowerCase() === t.toLowerCase());
  const tenantNotFound = (t: string): SandboxResponse =>
    oauthError(
      400,
      'invalid_request',
      90002,
      `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );

  router.addPublic('GET', '/metadata/endpoints', (req) => ({ status: 200, body: metadata(req, o.subscriptions) }));
  router.addPublic('GET', '/{tenant}/v2.0/.well-known/openid-configuration', (req, p) => {
    const t = p['tenant'] ?? '';
    return knownTenant(t) ? { status: 200, body: openIdConfiguration(req, t) } : tenantNotFound(t);
  });
  router.addPublic('GET', '/{tenant}/discovery/v2.0/keys', () => ({ status: 200, body: jwks() }));
  router.addPublic('GET', '/{tenant}/discovery/keys', () => ({ status: 200, body: jwks() }));
  // MSAL's instance discovery, asked of the authority host when the host is not one it knows.
  router.addPublic('GET', '/common/discovery/instance', (req) => ({
    status: 200,
    body: {
      tenant_discovery_endpoint: `${req.url.origin}/common/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: req.url.host, preferred_cache: req.url.host, aliases: [req.url.host] }],
    },
  }));
  router.addPublic('POST', '/{tenant}/oauth2/v2.0/token', (req, p) => token(req, p['tenant'] ?? ''));
  router.addPublic('POST', '/{tenant}/oauth2/token', (req, p) => token(req, p['tenant'] ?? ''));

  function token(req: SandboxRequest, tenantIn: string): SandboxResponse {
    if (!knownTenant(tenantIn)) return tenantNotFound(tenantIn);
    const form = req.form ?? {};
    const grant = form['grant_type'] ?? '';
    if (grant !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grant}'. The sandbox signs in service principals with client_credentials.`,
      );
    }
    const basic = /^Basic\s+(\S+)/i.exec(req.headers['authorization'] ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = form['client_id'] ?? decodeURIComponent(basicId ?? '');
    const secret = form['client_secret'] ?? decodeURIComponent(basicSecret ?? '');
    const tenant = ['common', 'organizations'].includes(tenantIn.toLowerCase())
      ? (tenantIds(o.subscriptions)[0] ?? tenantIn)
      : tenantIn;
    const principal = o.directory.byAppId(clientId);
    if (!principal) {
      return oauthError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    if (!secret || secret !== principal.secret) {
      return oauthError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.appId}'.`,
      );
    }
    const scope = form['scope'] ?? (form['resource'] ? `${form['resource']}/.default` : '');
    const aud = audienceOfScope(scope);
    if (!aud) return oauthError(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    const now = Math.floor(Date.now() / 1000);
    const access = signToken({
      aud,
      iss: `https://sts.windows.net/${tenant}/`,
      iat: now,
      nbf: now,
      exp: now + o.tokenLifetimeSeconds,
      appid: principal.appId,
      appidacr: '1',
      idtyp: 'app',
      oid: principal.objectId,
      sub: principal.objectId,
      tid: tenant,
      ver: '1.0',
    });
    return {
      status: 200,
      headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
      body: {
        token_type: 'Bearer',
        expires_in: o.tokenLifetimeSeconds,
        ext_expires_in: o.tokenLifetimeSeconds,
        access_token: access,
      },
    };
  }
}
