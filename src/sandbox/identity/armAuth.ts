// ARM's side of authentication: the bearer token must be one the sandbox signed, for ARM's audience, not expired.
// Codes and wording as ARM answers them (InvalidAuthenticationToken, InvalidAuthenticationTokenAudience,
// ExpiredAuthenticationToken): https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors
import { ArmError } from '../arm-errors';
import type { Caller, SandboxRequest } from '../router';
import { ARM_AUDIENCES } from './signIn';
import { verifyToken } from './tokens';

const trimSlash = (s: string): string => s.replace(/\/+$/, '').toLowerCase();

/** ARM's own rendering of times in this message: `12/8/2026 1:05:09 AM` (invariant culture, UTC). */
function armTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function challenge(req: SandboxRequest, description: string): Record<string, string> {
  return {
    'www-authenticate': `Bearer authorization_uri="${req.url.origin}/", error="invalid_token", error_description="${description}"`,
  };
}

export function authenticateArm(req: SandboxRequest, nowMs: () => number = Date.now): Caller {
  const token = /^Bearer\s+(\S+)/i.exec(req.headers['authorization'] ?? '')?.[1] ?? '';
  const claims = verifyToken(token);
  if (!claims) {
    throw new ArmError(
      401,
      'InvalidAuthenticationToken',
      'The access token is invalid.',
      challenge(req, 'The access token is invalid.'),
    );
  }
  const allowed = [...ARM_AUDIENCES, `${req.url.origin}/`];
  if (!allowed.some((a) => trimSlash(a) === trimSlash(claims.aud))) {
    const list = ARM_AUDIENCES.flatMap((a) => [a, a.replace(/\/$/, '')])
      .map((a) => `'${a}'`)
      .join(',');
    throw new ArmError(
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences ${list}.`,
      challenge(req, 'The access token has been obtained for wrong audience or resource.'),
    );
  }
  const now = nowMs();
  if (claims.exp * 1000 <= now) {
    throw new ArmError(
      401,
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${armTime(claims.exp * 1000)}' is earlier than current UTC time '${armTime(now)}'.`,
      challenge(req, 'The access token expiry UTC time is earlier than current UTC time.'),
    );
  }
  return { objectId: claims.oid, appId: claims.appid, tenantId: claims.tid };
}
