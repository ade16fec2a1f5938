// Microsoft.Authorization: role assignments at any scope and the built-in role definitions that matter for
// Key Vault / ADE. Role definition GUIDs are the public built-in ids (Azure built-in roles documentation).
import { ArmError, badRequest, resourceNotFound } from '../arm-errors';
import { obj, props, str, type SandboxContext } from '../context';
import { paged } from '../paging';
import { ok, type SandboxRequest } from '../router';
import type { StoredResource } from '../types';

/** `actions` defaults to the read-only control-plane set the Key Vault data roles carry. */
export const BUILT_IN_ROLES: readonly {
  name: string;
  id: string;
  description: string;
  dataActions: string[];
  actions?: string[];
  notActions?: string[];
}[] = [
  {
    name: 'Owner',
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    description: 'Grants full access to manage all resources.',
    dataActions: [],
    actions: ['*'],
  },
  {
    name: 'Contributor',
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    description: 'Grants full access to manage all resources, without role assignments.',
    dataActions: [],
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
  },
  {
    name: 'Reader',
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    description: 'View all resources.',
    dataActions: [],
    actions: ['*/read'],
  },
  {
    name: 'Key Vault Administrator',
    id: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    description: 'Perform all data plane operations on a key vault and all objects in it.',
    dataActions: ['Microsoft.KeyVault/vaults/*'],
  },
  {
    name: 'Key Vault Reader',
    id: '21090545-7ca7-4776-b22c-e363652d74d2',
    description: 'Read metadata of key vaults and its certificates, keys, and secrets.',
    dataActions: ['Microsoft.KeyVault/vaults/*/read'],
  },
  {
    name: 'Key Vault Crypto Officer',
    id: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
    description: 'Perform any action on the keys of a key vault, except manage permissions.',
    dataActions: ['Microsoft.KeyVault/vaults/keys/*'],
  },
  {
    name: 'Key Vault Crypto User',
    id: '12338af0-0e69-4776-bea7-57ae8d297424',
    description: 'Perform cryptographic operations using keys.',
    // The built-in role's data actions as Azure defines them (Azure built-in roles, Security: Key Vault Crypto User).
    dataActions: [
      'Microsoft.KeyVault/vaults/keys/read',
      'Microsoft.KeyVault/vaults/keys/update/action',
      'Microsoft.KeyVault/vaults/keys/backup/action',
      'Microsoft.KeyVault/vaults/keys/encrypt/action',
      'Microsoft.KeyVault/vaults/keys/decrypt/action',
      'Microsoft.KeyVault/vaults/keys/wrap/action',
      'Microsoft.KeyVault/vaults/keys/unwrap/action',
      'Microsoft.KeyVault/vaults/keys/sign/action',
      'Microsoft.KeyVault/vaults/keys/verify/action',
    ],
  },
  {
    name: 'Key Vault Crypto Service Encryption User',
    id: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
    description: 'Read metadata of keys and perform wrap/unwrap operations.',
    dataActions: [
      'Microsoft.KeyVault/vaults/keys/read',
      'Microsoft.KeyVault/vaults/keys/wrap/action',
      'Microsoft.KeyVault/vaults/keys/unwrap/action',
    ],
  },
  {
    name: 'Key Vault Secrets Officer',
    id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    description: 'Perform any action on the secrets of a key vault, except manage permissions.',
    dataActions: ['Microsoft.KeyVault/vaults/secrets/*'],
  },
  {
    name: 'Key Vault Secrets User',
    id: '4633458b-17de-408a-b874-0445c86b69e6',
    description: 'Read secret contents.',
    dataActions: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
  },
  {
    name: 'Key Vault Certificates Officer',
    id: 'a4417e6f-fecd-4de8-b567-7b0420556985',
    description: 'Perform any action on the certificates of a key vault, except manage permissions.',
    dataActions: ['Microsoft.KeyVault/vaults/certificates/*'],
  },
  {
    name: 'Key Vault Contributor',
    id: 'f25e0fa2-a7c8-4377-a976-54943a77a395',
    description:
      'Manage key vaults, but does not allow you to assign roles in Azure RBAC, and does not allow you to access secrets, keys, or certificates.',
    dataActions: [],
    actions: ['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/*', 'Microsoft.Resources/deployments/*'],
  },
  {
    name: 'Key Vault Data Access Administrator',
    id: '8b54135c-b56d-4d72-a534-26097cfdc8d8',
    description: 'Manage access to Azure Key Vault by adding or removing role assignments for Key Vault roles.',
    dataActions: [],
    actions: [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      'Microsoft.Authorization/*/read',
      'Microsoft.KeyVault/vaults/*/read',
    ],
  },
];

type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Control-plane permissions of a built-in role; Key Vault data roles read the vault's metadata only. */
export function rolePermissions(r: BuiltInRole): { actions: string[]; notActions: string[] } {
  return {
    actions: r.actions ?? [
      'Microsoft.Authorization/*/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.KeyVault/checkNameAvailability/read',
      'Microsoft.KeyVault/vaults/*/read',
    ],
    notActions: r.notActions ?? [],
  };
}

/** The built-in role a role assignment's roleDefinitionId (any scope prefix) names. */
export function roleByDefinitionId(roleDefinitionId: string): BuiltInRole | undefined {
  const guid = roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
  return BUILT_IN_ROLES.find((r) => r.id === guid);
}

const SUFFIX_ASSIGNMENTS = '/providers/Microsoft.Authorization/roleAssignments';
const SUFFIX_DEFINITIONS = '/providers/Microsoft.Authorization/roleDefinitions';

export function roleDefinitionId(scope: string, guid: string): string {
  const sub = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0] ?? '';
  return `${sub}${SUFFIX_DEFINITIONS}/${guid}`;
}

export function makeRoleAssignment(
  scope: string,
  name: string,
  roleGuid: string,
  principalId: string,
  principalType: string,
  createdOn: string,
): StoredResource {
  return {
    id: `${scope}${SUFFIX_ASSIGNMENTS}/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionId(scope, roleGuid),
      principalId,
      principalType,
      scope,
      condition: null,
      conditionVersion: null,
      createdOn,
      updatedOn: createdOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
  };
}

function normScope(s: string): string {
  return s.replace(/\/+/g, '/').replace(/\/$/, '');
}

export function registerAuthorization(ctx: SandboxContext): void {
  const { router, store } = ctx;
  const assignments = (): StoredResource[] =>
    store.all().filter((r) => r['type'] === 'Microsoft.Authorization/roleAssignments');
  const definitionView = (scope: string, r: (typeof BUILT_IN_ROLES)[number]): Record<string, unknown> => ({
    id: roleDefinitionId(scope, r.id),
    name: r.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: r.name,
      type: 'BuiltInRole',
      description: r.description,
      assignableScopes: ['/'],
      permissions: [
        {
          ...rolePermissions(r),
          dataActions: r.dataActions,
          notDataActions: [],
        },
      ],
    },
  });

  // Listing at a scope returns assignments at that scope, above it (inherited) and below it, like ARM.
  const listAt = (req: SandboxRequest, scope: string): ReturnType<typeof paged> => {
    const s = normScope(scope).toLowerCase();
    const filter = req.url.searchParams.get('$filter') ?? '';
    const principal = /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1]?.toLowerCase();
    const atScope = /atScope\(\)/i.test(filter);
    const items = assignments().filter((a) => {
      const as = String(props(a)['scope']).toLowerCase();
      const related = atScope
        ? s === as || s.startsWith(`${as}/`)
        : s === as || s.startsWith(`${as}/`) || as.startsWith(`${s}/`) || s === '';
      return related && (!principal || String(props(a)['principalId']).toLowerCase() === principal);
    });
    return paged(req, items, ctx.pageSize);
  };
  router.add('GET', `{scope*}${SUFFIX_ASSIGNMENTS}`, (req, p) => listAt(req, p['scope'] ?? ''));
  router.add('GET', `{scope*}${SUFFIX_ASSIGNMENTS}/{name}`, (_req, p) => {
    const id = `${normScope(p['scope'] ?? '')}${SUFFIX_ASSIGNMENTS}/${p['name']}`;
    const a = store.get(id);
    if (!a) throw new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${p['name']}' is not found.`);
    return ok(a);
  });
  router.add('PUT', `{scope*}${SUFFIX_ASSIGNMENTS}/{name}`, (req, p) => {
    const scope = normScope(p['scope'] ?? '');
    const bp = obj(obj(req.body)['properties']);
    const roleDefinitionIdIn = str(bp['roleDefinitionId']);
    const principalId = str(bp['principalId']);
    if (!roleDefinitionIdIn || !principalId)
      throw badRequest(
        'InvalidRoleAssignmentRequest',
        'The role assignment request must specify roleDefinitionId and principalId.',
      );
    const guid = roleDefinitionIdIn.split('/').pop() ?? '';
    if (!BUILT_IN_ROLES.some((r) => r.id === guid.toLowerCase())) {
      throw badRequest('RoleDefinitionDoesNotExist', `The specified role definition with ID '${guid}' does not exist.`);
    }
    const dup = assignments().find((a) => {
      const ap = props(a);
      return (
        String(ap['scope']).toLowerCase() === scope.toLowerCase() &&
        String(ap['principalId']).toLowerCase() === principalId.toLowerCase() &&
        String(ap['roleDefinitionId']).toLowerCase().endsWith(guid.toLowerCase()) &&
        String(a['name']).toLowerCase() !== (p['name'] ?? '').toLowerCase()
      );
    });
    if (dup) throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    const a = makeRoleAssignment(
      scope,
      p['name'] ?? '',
      guid,
      principalId,
      str(bp['principalType']) ?? 'ServicePrincipal',
      ctx.clock.iso(),
    );
    store.put(a);
    return ok(a, 201);
  });
  router.add('DELETE', `{scope*}${SUFFIX_ASSIGNMENTS}/{name}`, (_req, p) => {
    const id = `${normScope(p['scope'] ?? '')}${SUFFIX_ASSIGNMENTS}/${p['name']}`;
    const a = store.get(id);
    if (!a) return { status: 204 };
    store.delete(id);
    return ok(a);
  });
  router.add('GET', `{scope*}${SUFFIX_DEFINITIONS}`, (req, p) => {
    const filter = req.url.searchParams.get('$filter') ?? '';
    const roleName = /roleName\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
    const defs = BUILT_IN_ROLES.filter((r) => !roleName || r.name.toLowerCase() === roleName.toLowerCase());
    return paged(
      req,
      defs.map((r) => definitionView(p['scope'] ?? '', r)),
      ctx.pageSize,
    );
  });
  router.add('GET', `{scope*}${SUFFIX_DEFINITIONS}/{id}`, (_req, p) => {
    const r = BUILT_IN_ROLES.find((x) => x.id === (p['id'] ?? '').toLowerCase());
    if (!r) throw resourceNotFound(`${p['scope']}${SUFFIX_DEFINITIONS}/${p['id']}`);
    return ok(definitionView(p['scope'] ?? '', r));
  });
}
