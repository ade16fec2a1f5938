/** Grant and revoke Key Vault access: questions and plans. No `vscode` import. */
import type { AccessPolicyEntry } from '@azure/arm-keyvault';
import type { KeyVaultRoleName, VaultRoleAssignment } from '../../../azure/operations/roles';
import type { ExecStep, Plan } from '../engine/plan';
import type { PickItem } from '../engine/prompter';
import type { PromptStep } from '../engine/wizard';
import { accessArmJson, accessBicep, type AccessExportInput } from '../export/templates';
import type { VaultInfo, WizardServices } from '../services';
import { summaryStep, type FinalAction } from '../shared/summary';
import {
  AZURE_BACKUP_APP_ID,
  describePermissions,
  guidProblem,
  KEY_PERMISSIONS,
  PRESETS,
  remainingAccessNote,
  roleAssignmentChange,
  roleAssignmentItems,
  roleAssignmentRefusal,
  SECRET_PERMISSIONS,
  type Preset,
  type PrincipalKind,
} from './model';
import { need } from '../shared/steps';

export interface GrantContext {
  vault?: VaultInfo;
  principalKind?: PrincipalKind;
  objectId?: string;
  principalLabel?: string;
  principalType?: 'User' | 'ServicePrincipal';
  preset?: Preset;
  keys?: readonly string[];
  secrets?: readonly string[];
  action?: FinalAction;
}

const TITLE = 'Grant Key Vault access';

export function vaultStep<C extends { vault?: VaultInfo }>(s: WizardServices, title: string): PromptStep<C> {
  return {
    id: 'vault',
    shouldPrompt: (c) => !c.vault,
    async prompt(c, p, pos) {
      const vaults = (await s.listVaults()).sort((a, b) => a.name.localeCompare(b.name));
      if (!vaults.length) throw new Error('There are no key vaults in the selected subscriptions.');
      c.vault = await p.pick({
        title,
        placeholder: 'Key vault',
        items: vaults.map((v) => ({
          label: `$(key) ${v.name}`,
          description: `${v.rbac ? 'Azure RBAC' : 'access policies'} · ${v.location}`,
          detail: v.resourceGroup,
          value: v,
        })),
        position: pos,
        canGoBack: pos.canGoBack,
      });
    },
  };
}

export function grantSteps(s: WizardServices): PromptStep<GrantContext>[] {
  return [
    vaultStep<GrantContext>(s, TITLE),
    {
      id: 'who',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        c.principalKind = await p.pick<PrincipalKind>({
          title: `${TITLE}: ${v.name}`,
          placeholder: 'Who gets access?',
          items: [
            { label: "$(vm) A VM's or scale set's managed identity", value: 'vmIdentity' },
            { label: '$(person) A user-assigned managed identity', value: 'userAssigned' },
            { label: '$(server) A service principal', description: 'by object id', value: 'servicePrincipal' },
            {
              label: '$(archive) Azure Backup',
              description: `Backup Management Service (app ${AZURE_BACKUP_APP_ID})`,
              value: 'backup',
            },
            { label: '$(account) Me (the signed-in user)', value: 'me' },
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    {
      id: 'identity',
      async prompt(c, p, pos) {
        const kind = need(c.principalKind);
        c.principalType = kind === 'me' ? 'User' : 'ServicePrincipal';
        if (kind === 'vmIdentity' || kind === 'userAssigned') {
          const targets = await s.listTargets();
          const items: PickItem<{ id: string; label: string } | undefined>[] = [];
          for (const t of targets) {
            const identity = t.vm?.identity ?? t.vmss?.identity;
            if (kind === 'vmIdentity') {
              items.push({
                label: `$(vm) ${t.name}`,
                description: identity?.principalId
                  ? `system-assigned ${identity.principalId}`
                  : 'no system-assigned identity',
                ...(identity?.principalId
                  ? {}
                  : { disabledReason: `${t.name} has no system-assigned managed identity; turn it on first.` }),
                value: identity?.principalId
                  ? { id: identity.principalId, label: `managed identity of ${t.name}` }
                  : undefined,
              });
            } else {
              for (const [rid, uai] of Object.entries(identity?.userAssignedIdentities ?? {})) {
                if (!uai.principalId || items.some((i) => i.value?.id === uai.principalId)) continue;
                const name = rid.split('/').pop() ?? rid;
                items.push({
                  label: `$(person) ${name}`,
                  description: `${uai.principalId} · used by ${t.name}`,
                  value: { id: uai.principalId, label: `identity ${name}` },
                });
              }
            }
          }
          items.push({ label: '$(edit) Enter an object id…', value: undefined });
          const chosen = await p.pick({
            title: `${TITLE}: identity`,
            placeholder: 'Identity',
            items,
            position: pos,
            canGoBack: pos.canGoBack,
          });
          if (chosen) {
            c.objectId = chosen.id;
            c.principalLabel = chosen.label;
            return;
          }
        }
        let suggested: string | undefined;
        if (kind === 'me') suggested = await s.signedInObjectId(need(c.vault).tenantId);
        const prompt =
          kind === 'backup'
            ? `Object id of the Backup Management Service in your tenant (az ad sp show --id ${AZURE_BACKUP_APP_ID} --query id -o tsv)`
            : kind === 'me'
              ? suggested
                ? 'Your object id (from your sign-in token)'
                : 'Your object id (az ad signed-in-user show --query id -o tsv)'
              : 'Object id of the service principal or identity (not its application id)';
        const id = await p.input({
          title: `${TITLE}: object id`,
          prompt,
          ...(suggested ? { value: suggested } : {}),
          placeholder: '00000000-0000-0000-0000-000000000000',
          validate: guidProblem,
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.objectId = id.trim();
        c.principalLabel =
          kind === 'backup' ? `Azure Backup (${c.objectId})` : kind === 'me' ? `you (${c.objectId})` : c.objectId;
      },
    },
    {
      id: 'preset',
      async prompt(c, p, pos) {
        const v = need(c.vault);
        const preset = await p.pick<Preset>({
          title: `${TITLE}: permissions`,
          placeholder: v.rbac
            ? `${v.name} uses Azure RBAC: each preset maps to built-in roles`
            : 'Permissions to add (existing ones are kept)',
          items: PRESETS.map((x) => ({
            label: x.label,
            description: v.rbac
              ? x.roles.length
                ? `roles: ${x.roles.join(', ')}`
                : 'not available on RBAC vaults'
              : x.description,
            ...(v.rbac && !x.roles.length ? { disabledReason: x.roleWhy } : {}),
            value: x,
          })),
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.preset = preset;
        c.keys = preset.keys;
        c.secrets = preset.secrets;
      },
    },
    {
      id: 'custom',
      shouldPrompt: (c) => c.preset?.id === 'custom',
      async prompt(c, p, pos) {
        const chosen = await p.pickMany<string>({
          title: `${TITLE}: custom permissions`,
          placeholder: 'Key and secret permissions to add',
          items: [
            { label: 'Keys', separator: true },
            ...KEY_PERMISSIONS.map((k) => ({ label: `key: ${k}`, value: `k:${k}` })),
            { label: 'Secrets', separator: true },
            ...SECRET_PERMISSIONS.map((k) => ({ label: `secret: ${k}`, value: `s:${k}` })),
          ],
          position: pos,
          canGoBack: pos.canGoBack,
        });
        c.keys = chosen.filter((x) => x.startsWith('k:')).map((x) => x.slice(2));
        c.secrets = chosen.filter((x) => x.startsWith('s:')).map((x) => x.slice(2));
        if (!c.keys.length && !c.secrets.length)
          throw new Error('No permission was chosen; run the wizard again and pick at least one.');
      },
    },
    summaryStep<GrantContext>({ title: `${TITLE}: summary`, plan: (c) => buildGrantPlan(s, c), exports: true }),
  ];
}

export function buildGrantPlan(s: WizardServices, c: GrantContext): Plan {
  const v = need(c.vault);
  const objectId = need(c.objectId);
  const who = c.principalLabel ?? objectId;
  const tenant = v.tenantId ? { tenantId: v.tenantId } : {};
  const steps: ExecStep[] = [];
  const notes: string[] = [];
  if (v.rbac) {
    const preset = need(c.preset);
    notes.push(
      `${v.name} uses Azure RBAC, so access policies would be ignored: the wizard assigns built-in roles instead. ${preset.roleWhy}`,
    );
    for (const role of preset.roles) {
      steps.push({
        title: `Assign ${role}`,
        changes: [`Role assignment on ${v.name}: ${role} for ${who}`],
        run: async (signal, report) => {
          const r = await s.az.assignRole(
            s.factory,
            {
              scope: v.id,
              role: role as KeyVaultRoleName,
              principalId: objectId,
              ...(c.principalType ? { principalType: c.principalType } : {}),
            },
            { signal, onProgress: (x) => report(x.message), ...tenant },
          );
          return r.summary;
        },
      });
    }
  } else {
    const keys = c.keys ?? [];
    const secrets = c.secrets ?? [];
    steps.push({
      title: `Add access policy for ${who}`,
      changes: [
        `Key vault ${v.name}: add ${describePermissions(keys, secrets)} for ${who} (operation "add": other entries are kept)`,
      ],
      run: async (signal, report) => {
        const r = await s.az.addAccessPolicy(
          s.factory,
          v.id,
          { objectId, permissions: { keys: [...keys], secrets: [...secrets] } },
          { signal, onProgress: (x) => report(x.message), ...tenant },
        );
        return r.summary;
      },
    });
  }
  return { title: `Grant ${who} access to ${v.name}`, steps, notes };
}

export function grantExportInput(s: WizardServices, c: GrantContext): AccessExportInput {
  const v = need(c.vault);
  const roles = v.rbac
    ? (c.preset?.roles ?? []).map((r) => ({ name: r, guid: s.az.KEY_VAULT_ROLES[r as KeyVaultRoleName] }))
    : undefined;
  return {
    vault: { name: v.name, resourceGroup: v.resourceGroup, subscriptionId: v.subscriptionId },
    objectId: need(c.objectId),
    tenantId: v.model.properties?.tenantId ?? v.tenantId ?? '',
    principalLabel: c.principalLabel ?? need(c.objectId),
    ...(roles ? { roles } : { permissions: { keys: c.keys ?? [], secrets: c.secrets ?? [] } }),
    ...(c.principalType ? { principalType: c.principalType } : {}),
  };
}

export function grantExport(s: WizardServices, c: GrantContext, format: 'bicep' | 'json'): string {
  const input = grantExportInput(s, c);
  return format === 'bicep' ? accessBicep(input) : accessArmJson(input);
}

// ------------------------------------------------------------------ revoke

export interface RevokeContext {
  vault?: VaultInfo;
  entry?: AccessPolicyEntry;
  /** RBAC vaults: the role assignment to remove, and every assignment that applies at the vault. */
  assignment?: VaultRoleAssignment;
  assignments?: readonly VaultRoleAssignment[];
  /** Pre-selected from the tree's access-policy node. */
  objectId?: string;
  action?: FinalAction;
}

const REVOKE = 'Revoke Key Vault access';

export function revokeSteps(s: WizardServices): PromptStep<RevokeContext>[] {
  return [
    vaultStep<RevokeContext>(s, REVOKE),
    {
      id: 'entry',
      async prompt(c, p, pos) {
        const v = await s.readVault(need(c.vault).id);
        c.vault = v;
        c.entry = undefined;
        c.assignment = undefined;
        const entries = v.model.properties?.accessPolicies ?? [];
        const preEntry = c.objectId
          ? entries.find((e) => e.objectId.toLowerCase() === c.objectId?.toLowerCase())
          : undefined;
        if (v.rbac && !preEntry) {
          const listed = await s.az.listVaultRoleAssignments(
            s.factory,
            v.id,
            v.tenantId ? { tenantId: v.tenantId } : {},
          );
          c.assignments = listed.value;
          const own = listed.value.filter((a) => !a.inherited);
          if (!own.length)
            throw new Error(
              listed.value.length
                ? `${v.name} uses Azure RBAC and has no role assignments of its own; the ${listed.value.length} that apply are inherited from above and must be removed where they are assigned.`
                : `${v.name} uses Azure RBAC and has no role assignments to remove.`,
            );
          c.assignment = await p.pick({
            title: `${REVOKE}: ${v.name}`,
            placeholder: `${v.name} uses Azure RBAC: role assignment to remove`,
            items: roleAssignmentItems(listed.value),
            position: pos,
            canGoBack: pos.canGoBack,
          });
          return;
        }
        if (!entries.length) throw new Error(`${v.name} has no access policies to remove.`);
        const items = entries.map((e) => ({
          label: `$(person) ${e.objectId}`,
          description: describePermissions(e.permissions.keys ?? [], e.permissions.secrets ?? []),
          ...(e.applicationId ? { detail: `on behalf of application ${e.applicationId}` } : {}),
          value: e,
        }));
        if (preEntry) {
          c.entry = preEntry;
          return;
        }
        c.entry = await p.pick({
          title: `${REVOKE}: ${v.name}`,
          placeholder: 'Access policy entry to remove',
          items,
          position: pos,
          canGoBack: pos.canGoBack,
        });
      },
    },
    summaryStep<RevokeContext>({ title: `${REVOKE}: summary`, plan: (c) => buildRevokePlan(s, c), exports: false }),
  ];
}

export function buildRevokePlan(s: WizardServices, c: RevokeContext): Plan {
  if (c.assignment) return buildRoleRevokePlan(s, c, c.assignment);
  const v = need(c.vault);
  const e = need(c.entry);
  const tenant = v.tenantId ? { tenantId: v.tenantId } : {};
  return {
    title: `Revoke access of ${e.objectId} on ${v.name}`,
    steps: [
      {
        title: `Remove access policy of ${e.objectId}`,
        changes: [
          `Key vault ${v.name}: remove ${describePermissions(e.permissions.keys ?? [], e.permissions.secrets ?? [])}${e.permissions.certificates?.length ? ` and certificates: ${e.permissions.certificates.join(', ')}` : ''} of ${e.objectId} (operation "remove": other entries are kept)`,
        ],
        run: async (signal, report) => {
          const r = await s.az.removeAccessPolicy(
            s.factory,
            v.id,
            { objectId: e.objectId, ...(e.applicationId ? { applicationId: e.applicationId } : {}) },
            { signal, onProgress: (x) => report(x.message), ...tenant },
          );
          return r.summary;
        },
      },
    ],
    notes: v.rbac
      ? [`${v.name} uses Azure RBAC: access policies have no effect there; role assignments are not changed.`]
      : [],
  };
}

function buildRoleRevokePlan(s: WizardServices, c: RevokeContext, a: VaultRoleAssignment): Plan {
  const v = need(c.vault);
  const refusal = roleAssignmentRefusal(a);
  if (refusal) throw new Error(refusal);
  const tenant = v.tenantId ? { tenantId: v.tenantId } : {};
  const keeps = remainingAccessNote(v.name, a, c.assignments ?? []);
  return {
    title: `Revoke ${a.roleName} of ${a.principalId} on ${v.name}`,
    steps: [
      {
        title: `Remove role assignment ${a.roleName} of ${a.principalType} ${a.principalId}`,
        changes: [roleAssignmentChange(v.name, a)],
        run: async (signal, report) => {
          const r = await s.az.removeRoleAssignment(s.factory, a.id, {
            signal,
            onProgress: (x) => report(x.message),
            ...tenant,
          });
          return r.summary;
        },
      },
    ],
    notes: [
      ...(a.condition ? [`This assignment has a condition: ${a.condition}`] : []),
      ...(keeps ? [keeps] : []),
      'Azure RBAC changes can take a few minutes to take effect on the vault.',
    ],
  };
}
