import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { NotSignedInError } from '../errors';

/** What the VS Code adapter supplies (wrapping `vscode.authentication.getSession`, silent for background work). */
export interface SessionToken {
  readonly accessToken: string;
  /** Expiry, epoch milliseconds (seconds are accepted too). */
  readonly expiresOn?: number;
}

export type SessionProvider = (scopes: string[], tenantId?: string) => Promise<SessionToken | undefined>;

/** Tokens without a known expiry are refreshed often rather than trusted too long. */
const UNKNOWN_EXPIRY_MS = 5 * 60_000;

function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = json && typeof json === 'object' ? (json as Record<string, unknown>)['exp'] : undefined;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function toMs(value: number): number {
  // Anything before 2001 in ms is really seconds.
  return value < 1e12 ? value * 1000 : value;
}

/** VS Code sessions want `.default` scopes; the SDK sometimes passes a bare resource. */
export function normalizeScopes(scopes: string | string[]): string[] {
  const list = Array.isArray(scopes) ? scopes : [scopes];
  return list.map((s) =>
    s.endsWith('/.default') || s.includes('/.default') || !/^https?:\/\//.test(s)
      ? s
      : `${s.replace(/\/+$/, '')}/.default`,
  );
}

/**
 * A `TokenCredential` over a session provider, bound to one tenant (one credential per tenant,
 * the pattern of the Azure Resources extension). Throws `NotSignedInError` when there is no session,
 * so the UI can offer sign-in instead of showing a raw failure.
 */
export function createSessionCredential(provider: SessionProvider, tenantId?: string): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const tenant = options?.tenantId || tenantId;
      const session = await provider(normalizeScopes(scopes), tenant);
      if (!session) throw new NotSignedInError(tenant);
      const expiresOnTimestamp =
        session.expiresOn !== undefined
          ? toMs(session.expiresOn)
          : (jwtExpiryMs(session.accessToken) ?? Date.now() + UNKNOWN_EXPIRY_MS);
      return { token: session.accessToken, expiresOnTimestamp };
    },
  };
}

/** Caches one credential per tenant (`''` = home tenant). */
export class SessionCredentialCache {
  private readonly byTenant = new Map<string, TokenCredential>();
  constructor(private readonly provider: SessionProvider) {}

  forTenant(tenantId?: string): TokenCredential {
    const key = (tenantId ?? '').toLowerCase();
    let cred = this.byTenant.get(key);
    if (!cred) {
      cred = createSessionCredential(this.provider, tenantId);
      this.byTenant.set(key, cred);
    }
    return cred;
  }

  clear(): void {
    this.byTenant.clear();
  }
}
