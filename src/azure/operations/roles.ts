import { randomUUID } from 'node:crypto';
import type { AzureClientFactory } from '../clients';
import { describeAzureError } from '../errors';
import { requireResourceId } from '../ids';
import { runOperation, type OperationOptions, type OperationResult } from './types';

/** Built-in Key Vault role definition ids (the same GUID in every subscription and cloud). */
export const KEY_VAULT_ROLES = {
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Reader': '21090545-7ca7-4776-b22c-e363652d74d2',
  'Key Vault Crypto Officer': '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
  'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Certificates Officer': 'a4417e6f-fecd-4de8-b567-7b0420556985',
  'Key Vault Data Access Administrator': '8b54135c-b56d-4d72-a534-26097cfdc8d8',
  /** Management plane only (vault properties, access policies); no data access. */
  'Key Vault Contributor': 'f25e0fa2-a7c8-4377-a976-54943a77a395',
} as const;

export type KeyVaultRoleName = keyof typeof KEY_VAULT_ROLES;

export interface RoleAssignmentRequest {
  /** Scope of the assignment, usually the vault id. */
  readonly scope: string;
  readonly role: KeyVaultRoleName | { readonly roleDefinitionGuid: string };
  readonly principalId: string;
  readonly principalType?: 'User' | 'Group' | 'ServicePrincipal';
  readonly description?: string;
}

export interface RoleAssignmentResult {
  readonly id?: string;
  readonly roleDefinitionId: string;
  readonly alreadyExisted: boolean;
}

/** Creates a role assignment on an RBAC vault (or any scope). An existing identical assignment is not an error. */
export function assignRole(
  factory: AzureClientFactory,
  request: RoleAssignmentRequest,
  opts: OperationOptions & { newAssignmentName?: () => string } = {},
): Promise<OperationResult<RoleAssignmentResult>> {
  return runOperation(async () => {
    const { subscriptionId } = requireResourceId(request.scope, 'Scope');
    const guid = typeof request.role === 'string' ? KEY_VAULT_ROLES[request.role] : request.role.roleDefinitionGuid;
    const roleName = typeof request.role === 'string' ? request.role : guid;
    const roleDefinitionId = `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    const auth = factory.authorization(subscriptionId, opts.tenantId);
    opts.onProgress?.({ message: `Assigning ${roleName}…` });
    try {
      const created = await auth.roleAssignments.create(
        request.scope,
        (opts.newAssignmentName ?? randomUUID)(),
        {
          roleDefinitionId,
          principalId: request.principalId,
          ...(request.principalType ? { principalType: request.principalType } : {}),
          ...(request.description ? { description: request.description } : {}),
        },
        { abortSignal: opts.signal },
      );
      return {
        changed: true,
        summary: `Assigned ${roleName} to ${request.principalId}.`,
        changes: [
          {
            resourceId: created.id ?? request.scope,
            property: 'roleAssignment',
            after: { roleDefinitionId, principalId: request.principalId },
          },
        ],
        warnings: [],
        value: { ...(created.id ? { id: created.id } : {}), roleDefinitionId, alreadyExisted: false },
      };
    } catch (err) {
      if (describeAzureError(err).code === 'RoleAssignmentExists') {
        return {
          changed: false,
          summary: `${request.principalId} already has ${roleName} there.`,
          changes: [],
          warnings: [],
          value: { roleDefinitionId, alreadyExisted: true },
        };
      }
      throw err;
    }
  });
}
