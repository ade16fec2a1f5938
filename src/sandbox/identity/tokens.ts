// Access tokens: RS256 JWTs signed with the sandbox's own RSA key, in the shape Microsoft Entra ID issues for
// ARM (v1.0 app-only tokens: aud, iss, iat, nbf, exp, appid, oid, sub, tid, idtyp). Token claims reference:
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  appidacr: string;
  idtyp: string;
  oid: string;
  sub: string;
  tid: string;
  ver: string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// One key per process: generating an RSA key costs tens of milliseconds and every sandbox in a test run would pay
// it. Tokens are only ever verified by the process that signed them (or by a client reading the jwks).
let key: SigningKey | undefined;

function signingKey(): SigningKey {
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ type: 'spki', format: 'der' });
    key = { kid: createHash('sha256').update(der).digest('base64url').slice(0, 27), privateKey, publicKey };
  }
  return key;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signToken(claims: TokenClaims): string {
  const k = signingKey();
  const input = `${b64({ typ: 'JWT', alg: 'RS256', kid: k.kid })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), k.privateKey).toString('base64url')}`;
}

/** Parses and checks the signature; undefined when the token is not one of ours (malformed or forged). */
export function verifyToken(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'RS256') return undefined;
    const k = signingKey();
    if (!verify('sha256', Buffer.from(`${h}.${p}`), k.publicKey, Buffer.from(s, 'base64url'))) return undefined;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as TokenClaims;
    return typeof claims.exp === 'number' && typeof claims.oid === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** The public key as a JSON Web Key Set (the `jwks_uri` document). */
export function jwks(): { keys: Record<string, unknown>[] } {
  const k = signingKey();
  const jwk = k.publicKey.export({ format: 'jwk' });
  return { keys: [{ kty: 'RSA', use: 'sig', kid: k.kid, x5t: k.kid, n: jwk.n, e: jwk.e }] };
}
