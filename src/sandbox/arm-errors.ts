// ARM error envelopes ({"error":{"code","message"}}) with the codes and wording the real services use, so the
// Azure layer's error handling is exercised with realistic input.
import { parseResourceId } from './ids';

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function missingApiVersion(): ArmError {
  return new ArmError(
    400,
    'MissingApiVersionParameter',
    'The api-version query parameter (?api-version=) is required for all requests.',
  );
}

export function unauthenticated(): ArmError {
  return new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
}

export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

export function resourceGroupNotFound(name: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
}

export function resourceNotFound(id: string): ArmError {
  const p = parseResourceId(id);
  const typeAndName = p ? `${p.provider}/${p.types.map((t, i) => `${t}/${p.names[i] ?? ''}`).join('/')}` : id;
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${typeAndName}' under resource group '${p?.resourceGroup ?? ''}' was not found. ` +
      'For more details please go to https://aka.ms/ARMResourceNotFoundFix',
  );
}

export function badRequest(code: string, message: string): ArmError {
  return new ArmError(400, code, message);
}

export function conflict(message?: string): ArmError {
  return new ArmError(
    409,
    'Conflict',
    message ??
      'The request failed due to conflict with a concurrent request. To resolve it, please refer to https://aka.ms/activitylog to get more details on the conflicting requests.',
  );
}

export function noRoute(method: string, path: string): ArmError {
  return new ArmError(
    404,
    'InvalidResourceType',
    `The sandbox does not implement '${method} ${path}'. The resource type could not be found in the namespace.`,
  );
}

export function invalidJson(detail: string): ArmError {
  return new ArmError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: '${detail}'.`,
  );
}
