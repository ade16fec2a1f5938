// A client-credentials sign-in at the sandbox's token endpoint (the OAuth 2.0 client credentials grant, as
// Entra ID serves it): the token is a real signed JWT that ARM routes verify. Tokens are cached until shortly
// before they expire.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';

export interface SandboxSignIn {
  /** The sandbox's origin: its token endpoint is `<authorityHost>/<tenantId>/oauth2/v2.0/token`. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  httpClient: HttpClient;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

export function createSandboxCredential(signIn: SandboxSignIn): TokenCredential {
  const cache = new Map<string, AccessToken>();
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const scope = (Array.isArray(scopes) ? scopes : [scopes]).join(' ');
      const hit = cache.get(scope);
      if (hit && hit.expiresOnTimestamp - REFRESH_MARGIN_MS > Date.now()) return hit;
      const req = createPipelineRequest({
        url: `${signIn.authorityHost.replace(/\/+$/, '')}/${signIn.tenantId}/oauth2/v2.0/token`,
        method: 'POST',
        headers: createHttpHeaders({ 'content-type': 'application/x-www-form-urlencoded' }),
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      req.body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: signIn.clientId,
        client_secret: signIn.clientSecret,
        scope,
      }).toString();
      const res = await signIn.httpClient.sendRequest(req);
      const body = JSON.parse(res.bodyAsText ?? '{}') as {
        access_token?: string;
        expires_in?: number;
        error?: string;
        error_description?: string;
      };
      if (res.status !== 200 || !body.access_token) {
        throw new Error(
          `Sandbox sign-in as ${signIn.clientId} failed: ${body.error ?? res.status}: ${body.error_description ?? ''}`,
        );
      }
      const token: AccessToken = {
        token: body.access_token,
        expiresOnTimestamp: Date.now() + (body.expires_in ?? 3600) * 1000,
        tokenType: 'Bearer',
      };
      cache.set(scope, token);
      return token;
    },
  };
}
