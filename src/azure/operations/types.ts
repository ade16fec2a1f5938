import { AzureOperationError, describeAzureError, isAbortError } from '../errors';

/** One property that an operation set (or would have set). */
export interface Change {
  readonly resourceId: string;
  /** Dotted path, e.g. `properties.enabledForDiskEncryption` or `extension AzureDiskEncryption settings`. */
  readonly property: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface OperationResult<T = undefined> {
  /** False when everything already was as requested (nothing sent). */
  readonly changed: boolean;
  /** One sentence for the activity log. */
  readonly summary: string;
  readonly changes: readonly Change[];
  readonly warnings: readonly string[];
  readonly value: T;
}

export interface OperationProgress {
  readonly message: string;
  /** 0..100 when known. */
  readonly percent?: number;
}

export interface OperationOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: OperationProgress) => void;
  /** Tenant whose token to use for the target subscription. */
  readonly tenantId?: string;
}

/**
 * Runs an operation body and turns any Azure failure into an `AzureOperationError` carrying plain words.
 * Cancellation stays an AbortError so callers can treat it as "cancelled", not "failed".
 */
export async function runOperation<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (isAbortError(err) || err instanceof AzureOperationError) throw err;
    throw new AzureOperationError(describeAzureError(err), err);
  }
}

/** A refusal decided before calling Azure (invalid input for ADE rules). */
export function refuse(message: string, fix?: string): AzureOperationError {
  return new AzureOperationError({ kind: 'badRequest', message, ...(fix ? { fix } : {}), retryable: false });
}
