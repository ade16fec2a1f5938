// A credential that hands out a fixed fake token; the sandbox only checks that a Bearer token is present.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

export function createSandboxCredential(): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: 'sandbox-token', expiresOnTimestamp: Date.now() + 3600_000, tokenType: 'Bearer' };
    },
  };
}
