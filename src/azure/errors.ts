/**
 * Turns Azure errors into plain words with a next step. Works on `RestError` from
 * `@azure/core-rest-pipeline` (status + code + body) without importing it, so any thrown value can be passed.
 */

export type AzureErrorKind =
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'throttled'
  | 'unauthenticated'
  | 'badRequest'
  | 'cancelled'
  | 'network'
  | 'server'
  | 'unknown';

export interface PlainError {
  readonly kind: AzureErrorKind;
  /** HTTP status when there was a response. */
  readonly status?: number;
  /** Azure error code, e.g. `AuthorizationFailed`. */
  readonly code?: string;
  /** One or two sentences for people. */
  readonly message: string;
  /** What to do about it. */
  readonly fix?: string;
  /** For 403: the action that was refused and where. */
  readonly permission?: { readonly action: string; readonly scope: string; readonly suggestedRole?: string };
  /** Retrying later may help (throttling, 5xx, network). */
  readonly retryable: boolean;
  /** Azure's own message, kept for the output channel. */
  readonly detail?: string;
}

/** Error thrown by operations; carries the plain description. */
export class AzureOperationError extends Error {
  constructor(
    readonly plain: PlainError,
    cause?: unknown,
  ) {
    super(plain.message, { cause });
    this.name = 'AzureOperationError';
  }
}

/** Thrown by session credentials when there is no signed-in session; the UI offers "Sign in". */
export class NotSignedInError extends Error {
  constructor(readonly tenantId?: string) {
    super(tenantId ? `Not signed in to tenant ${tenantId}.` : 'Not signed in to Azure.');
    this.name = 'NotSignedInError';
  }
}

interface ErrorLike {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  details?: unknown;
  response?: { status?: unknown; bodyAsText?: unknown };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** ARM bodies are `{ error: { code, message } }`; some SDKs put that object in `details`. */
function armError(e: ErrorLike): { code?: string; message?: string } {
  const candidates: unknown[] = [e.details];
  const body = e.response?.bodyAsText;
  if (typeof body === 'string') {
    try {
      candidates.push(JSON.parse(body));
    } catch {
      // not JSON: ignore
    }
  }
  for (const c of candidates) {
    const rec = asRecord(c);
    const inner = asRecord(rec?.['error']) ?? rec;
    if (inner && (typeof inner['code'] === 'string' || typeof inner['message'] === 'string')) {
      return {
        code: typeof inner['code'] === 'string' ? inner['code'] : undefined,
        message: typeof inner['message'] === 'string' ? inner['message'] : undefined,
      };
    }
  }
  return {};
}

/** Which built-in role usually grants an action; a hint, not a promise. */
function suggestRole(action: string): string | undefined {
  const a = action.toLowerCase();
  if (a.startsWith('microsoft.authorization/roleassignments/')) return 'User Access Administrator (or Owner)';
  if (a.startsWith('microsoft.keyvault/vaults/accesspolicies/')) return 'Key Vault Contributor';
  if (a.startsWith('microsoft.keyvault/vaults/keys/'))
    return 'Key Vault Crypto Officer (RBAC vaults) or Key Vault Contributor';
  if (a.startsWith('microsoft.keyvault/')) return 'Key Vault Contributor';
  if (a.startsWith('microsoft.compute/virtualmachinescalesets/')) return 'Virtual Machine Contributor';
  if (a.startsWith('microsoft.compute/')) return 'Virtual Machine Contributor';
  if (a.endsWith('/read')) return 'Reader';
  return undefined;
}

const AUTH_FAILED = /perform action '([^']+)' over scope '([^']+)'/i;
const LINKED_AUTH = /linked scope\(s\) '([^']+)'/i;

export function describeAzureError(err: unknown): PlainError {
  if (err instanceof AzureOperationError) return err.plain;
  if (err instanceof NotSignedInError) {
    return { kind: 'unauthenticated', message: err.message, fix: 'Sign in to Azure and try again.', retryable: false };
  }
  const e = (asRecord(err) ?? {}) as ErrorLike;
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'AbortError' || (/aborted/i.test(rawMessage) && e.statusCode === undefined)) {
    return { kind: 'cancelled', message: 'The operation was cancelled.', retryable: false };
  }
  const status =
    typeof e.statusCode === 'number'
      ? e.statusCode
      : typeof e.response?.status === 'number'
        ? e.response.status
        : undefined;
  const arm = armError(e);
  const code = arm.code ?? (typeof e.code === 'string' ? e.code : undefined);
  const detail = arm.message ?? rawMessage;

  if (
    status === 403 ||
    code === 'AuthorizationFailed' ||
    code === 'LinkedAuthorizationFailed' ||
    code === 'Forbidden'
  ) {
    const m = AUTH_FAILED.exec(detail);
    const linked = LINKED_AUTH.exec(detail);
    if (m?.[1] && m[2]) {
      const role = suggestRole(m[1]);
      return {
        kind: 'forbidden',
        status,
        code,
        message: `You don't have permission '${m[1]}' on ${m[2]}.`,
        fix:
          `Ask an Owner or User Access Administrator of that scope to give you a role that includes '${m[1]}'` +
          (role ? ` (for example ${role}).` : '.') +
          (linked?.[1] ? ` The request also touches ${linked[1]}, which needs the same.` : ''),
        permission: { action: m[1], scope: m[2], ...(role ? { suggestedRole: role } : {}) },
        retryable: false,
        detail,
      };
    }
    return {
      kind: 'forbidden',
      status,
      code,
      message: 'Azure refused the request: your account lacks permission for it.',
      fix: 'Check your role assignments on the resource (Access control (IAM) in the portal).',
      retryable: false,
      detail,
    };
  }
  if (status === 401 || code === 'InvalidAuthenticationToken' || code === 'ExpiredAuthenticationToken') {
    return {
      kind: 'unauthenticated',
      status,
      code,
      message: 'Your Azure sign-in is missing or expired for this tenant.',
      fix: 'Sign in again (and to this tenant if it is not your home tenant).',
      retryable: false,
      detail,
    };
  }
  if (status === 404 || code === 'ResourceNotFound' || code === 'NotFound' || code === 'ResourceGroupNotFound') {
    return {
      kind: 'notFound',
      status,
      code,
      message: 'The resource was not found. It may have been deleted or moved, or the name or subscription is wrong.',
      fix: 'Refresh the view and pick the resource again.',
      retryable: false,
      detail,
    };
  }
  if (
    status === 409 ||
    code === 'Conflict' ||
    code === 'OperationNotAllowed' ||
    code === 'AnotherOperationInProgress'
  ) {
    return {
      kind: 'conflict',
      status,
      code,
      message:
        'Azure reports a conflict: another operation is running on this resource, or its current state does not allow the change.',
      fix: 'Wait for the running operation to finish, refresh, and try again.',
      retryable: true,
      detail,
    };
  }
  if (status === 429 || code === 'TooManyRequests' || code === 'SubscriptionRequestsThrottled') {
    return {
      kind: 'throttled',
      status,
      code,
      message: 'Azure is throttling requests for this subscription.',
      fix: 'Wait a minute and refresh; fewer subscriptions at once also helps.',
      retryable: true,
      detail,
    };
  }
  if (status === 400) {
    return {
      kind: 'badRequest',
      status,
      code,
      message: `Azure rejected the request: ${detail}`,
      retryable: false,
      detail,
    };
  }
  if (status !== undefined && status >= 500) {
    return {
      kind: 'server',
      status,
      code,
      message: 'Azure had a temporary problem handling the request.',
      fix: 'Try again in a moment.',
      retryable: true,
      detail,
    };
  }
  if (typeof e.code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN)$/.test(e.code)) {
    return {
      kind: 'network',
      code: e.code,
      message: 'Azure could not be reached (network error).',
      fix: 'Check your connection or proxy settings.',
      retryable: true,
      detail,
    };
  }
  return { kind: 'unknown', status, code, message: detail, retryable: false, detail };
}

export function isAbortError(err: unknown): boolean {
  const e = asRecord(err);
  return e?.['name'] === 'AbortError';
}

/** Throws the standard AbortError when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const err = new Error('The operation was aborted.');
    err.name = 'AbortError';
    throw err;
  }
}
