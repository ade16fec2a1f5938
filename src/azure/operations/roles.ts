import { randomUUID } from 'node:crypto';
import type { AzureClientFactory } from '../clients';
import { describeAzureError, isAbortError } from '../errors';
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

/** Other built-in roles often seen on a vault (mostly inherited from the resource group or subscription). */
const GENERAL_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  '18d7d88d-d35e-4fb5-a5c3-7773c4a72d9d': 'User Access Administrator',
};

/** Name of a built-in role from its definition id (or GUID); undefined for roles this extension does not know. */
export function builtInRoleName(roleDefinitionId: string): string | undefined {
  const guid = (roleDefinitionId.split('/').pop() ?? '').toLowerCase();
  const kv = Object.entries(KEY_VAULT_ROLES).find(([, g]) => g === guid)?.[0];
  return kv ?? GENERAL_ROLES[guid];
}

export interface VaultRoleAssignment {
  /** Full role assignment id (what `removeRoleAssignment` takes). */
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  readonly roleDefinitionId: string;
  /** Built-in role name, or the role definition's own name, or `role <guid>` when unknown. */
  readonly roleName: string;
  readonly principalId: string;
  /** `User`, `Group`, `ServicePrincipal`, … or `Unknown`. */
  readonly principalType: string;
  /** Assigned above the vault (resource group, subscription, management group): not removable on the vault. */
  readonly inherited: boolean;
  readonly condition?: string;
  readonly description?: string;
}

function subscriptionOf(id: string, what: string): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(id.trim())?.[1];
  if (!sub) throw new Error(`${what} '${id}' is not a valid Azure resource id.`);
  return sub;
}

function sameScope(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+/g, '/').replace(/\/$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Role assignments that apply at a vault: those on the vault itself and those inherited from above
 * (`atScope()`). Vault-level ones first, then by role name.
 */
export function listVaultRoleAssignments(
  factory: AzureClientFactory,
  vaultId: string,
  opts: OperationOptions = {},
): Promise<OperationResult<VaultRoleAssignment[]>> {
  return runOperation(async () => {
    const { subscriptionId, name } = requireResourceId(vaultId, 'Key vault');
    const auth = factory.authorization(subscriptionId, opts.tenantId);
    opts.onProgress?.({ message: `Reading role assignments of ${name}…` });
    const out: VaultRoleAssignment[] = [];
    const unknownNames = new Map<string, string>();
    for await (const a of auth.roleAssignments.listForScope(vaultId, {
      filter: 'atScope()',
      abortSignal: opts.signal,
    })) {
      if (!a.id || !a.roleDefinitionId || !a.principalId) continue;
      const scope = a.scope ?? a.id.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, '');
      let roleName = builtInRoleName(a.roleDefinitionId);
      if (!roleName) {
        const key = a.roleDefinitionId.toLowerCase();
        if (!unknownNames.has(key)) {
          let found: string | undefined;
          try {
            found = (await auth.roleDefinitions.getById(a.roleDefinitionId, { abortSignal: opts.signal })).roleName;
          } catch (err) {
            if (isAbortError(err)) throw err;
            // Reading role definitions may be refused; the GUID still identifies the role.
          }
          unknownNames.set(key, found ?? `role ${a.roleDefinitionId.split('/').pop() ?? a.roleDefinitionId}`);
        }
        roleName = unknownNames.get(key) ?? a.roleDefinitionId;
      }
      out.push({
        id: a.id,
        name: a.name ?? a.id.split('/').pop() ?? '',
        scope,
        roleDefinitionId: a.roleDefinitionId,
        roleName,
        principalId: a.principalId,
        principalType: a.principalType ?? 'Unknown',
        inherited: !sameScope(scope, vaultId),
        ...(a.condition ? { condition: a.condition } : {}),
        ...(a.description ? { description: a.description } : {}),
      });
    }
    out.sort((x, y) => Number(x.inherited) - Number(y.inherited) || x.roleName.localeCompare(y.roleName));
    const own = out.filter((a) => !a.inherited).length;
    return {
      changed: false,
      summary: `${name} has ${own} role assignment(s) of its own and ${out.length - own} inherited.`,
      changes: [],
      warnings: [],
      value: out,
    };
  });
}

/** Deletes one role assignment by id. One that is already gone is "nothing to remove", not an error. */
export function removeRoleAssignment(
  factory: AzureClientFactory,
  assignmentId: string,
  opts: OperationOptions = {},
): Promise<OperationResult<{ readonly removed: boolean }>> {
  return runOperation(async () => {
    const subscriptionId = subscriptionOf(assignmentId, 'Role assignment');
    const auth = factory.authorization(subscriptionId, opts.tenantId);
    const gone = {
      changed: false,
      summary: `Role assignment ${assignmentId.split('/').pop() ?? assignmentId} was already gone; nothing to remove.`,
      changes: [],
      warnings: [],
      value: { removed: false },
    };
    opts.onProgress?.({ message: 'Removing the role assignment…' });
    let deleted;
    try {
      deleted = await auth.roleAssignments.deleteById(assignmentId, { abortSignal: opts.signal });
    } catch (err) {
      const plain = describeAzureError(err);
      if (plain.kind === 'notFound' || plain.code === 'RoleAssignmentNotFound') return gone;
      throw err;
    }
    // ARM answers 204 without a body when there was nothing to delete.
    if (!deleted?.id) return gone;
    const roleName = deleted.roleDefinitionId ? builtInRoleName(deleted.roleDefinitionId) : undefined;
    const role = roleName ?? deleted.roleDefinitionId ?? 'role';
    return {
      changed: true,
      summary: `Removed ${role} of ${deleted.principalId ?? 'the principal'} at ${deleted.scope ?? assignmentId}.`,
      changes: [
        {
          resourceId: deleted.id,
          property: 'roleAssignment',
          before: {
            roleDefinitionId: deleted.roleDefinitionId,
            principalId: deleted.principalId,
            scope: deleted.scope,
          },
        },
      ],
      warnings: [],
      value: { removed: true },
    };
  });
}
