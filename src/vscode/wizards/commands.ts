/** Commands for the grant/revoke, disable, rotate and migrate wizards (enable lives in `enable/`). */
import {
  grantExport,
  grantSteps,
  buildGrantPlan,
  buildRevokePlan,
  revokeSteps,
  type GrantContext,
  type RevokeContext,
} from './access/wizard';
import { buildDisablePlan, disableRefusal, disableSteps, type DisableContext } from './disable/wizard';
import { eligibility, fleetReport, vmMigrationMarkdown } from './migrate/report';
import { buildRotatePlan, rotateRefusal, rotateSteps, type RotateContext } from './rotate/wizard';
import { parseArgs, servicesFor, type WizardHost, type WizardOutcome } from './runner';

/** The vault a tree node stands for: vault nodes carry its id; child nodes start with it. */
function vaultIdOf(node: { id: string; ref: { armId?: string } } | undefined): string | undefined {
  if (!node) return undefined;
  if (node.ref.armId && /\/providers\/microsoft\.keyvault\/vaults\/[^/]+$/i.test(node.ref.armId)) return node.ref.armId;
  const m = /^(\/subscriptions\/[^#]+\/providers\/microsoft\.keyvault\/vaults\/[^/#]+)/i.exec(node.id);
  return m?.[1];
}

export async function grantAccessCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  const title = 'Grant Key Vault access';
  try {
    const s = await servicesFor(host.explorer);
    const initial: GrantContext = {};
    const vaultId = options.target ?? vaultIdOf(node);
    if (vaultId) initial.vault = await s.readVault(vaultId);
    const ctx = await host.ask(grantSteps(s), initial, options);
    if (!ctx?.action || !ctx.vault) return { outcome: 'cancelled' };
    if (ctx.action === 'bicep' || ctx.action === 'json')
      return { outcome: 'exported', document: await host.openDocument(grantExport(s, ctx, ctx.action), ctx.action) };
    return host.apply(buildGrantPlan(s, ctx), s, options, [ctx.vault.id]);
  } catch (err) {
    return host.fail(err, title, options);
  }
}

export async function revokeAccessCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  const title = 'Revoke Key Vault access';
  try {
    const s = await servicesFor(host.explorer);
    const initial: RevokeContext = {};
    const vaultId = options.target ?? vaultIdOf(node);
    if (vaultId) initial.vault = await s.readVault(vaultId);
    if (node?.kind === 'accessPolicy') initial.objectId = node.label;
    const ctx = await host.ask(revokeSteps(s), initial, options);
    if (ctx?.action !== 'apply' || !ctx.vault) return { outcome: 'cancelled' };
    return host.apply(buildRevokePlan(s, ctx), s, options, [ctx.vault.id]);
  } catch (err) {
    return host.fail(err, title, options);
  }
}

export async function disableEncryptionCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  const title = 'Disable disk encryption';
  try {
    const s = await servicesFor(host.explorer);
    const initial: DisableContext = {};
    const id = options.target ?? node?.ref.armId;
    if (id) {
      const t = await s.readTarget(id);
      const r = disableRefusal(t);
      if (r) return host.refuse(`${title}: ${t.name} cannot be decrypted here: ${r}.`, options);
      initial.target = t;
    }
    const ctx = await host.ask(disableSteps(s), initial, options);
    if (ctx?.action !== 'apply' || !ctx.target) return { outcome: 'cancelled' };
    return host.apply(buildDisablePlan(s, ctx, options.follow), s, options, [ctx.target.id]);
  } catch (err) {
    return host.fail(err, title, options);
  }
}

export async function rotateKekCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  const title = 'Rotate key encryption key';
  try {
    const s = await servicesFor(host.explorer);
    const initial: RotateContext = {};
    const id = options.target ?? node?.ref.armId;
    if (id) {
      const t = await s.readTarget(id);
      const r = rotateRefusal(t);
      if (r) return host.refuse(`${title}: ${t.name}: ${r}.`, options);
      initial.target = t;
    }
    const ctx = await host.ask(rotateSteps(s), initial, options);
    if (ctx?.action !== 'apply' || !ctx.target) return { outcome: 'cancelled' };
    return host.apply(buildRotatePlan(s, ctx), s, options, [ctx.target.id, ...(ctx.vault ? [ctx.vault.id] : [])]);
  } catch (err) {
    return host.fail(err, title, options);
  }
}

/** Per VM: eligibility and the documented steps, as a markdown document. */
export async function migrateCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  const title = 'Migrate to encryption at host';
  try {
    const s = await servicesFor(host.explorer);
    let id = options.target ?? node?.ref.armId;
    if (!id) {
      const targets = (await s.listTargets()).sort(
        (a, b) => Number(!a.state.ade) - Number(!b.state.ade) || a.name.localeCompare(b.name),
      );
      const t = await host.prompter(options).pick({
        title,
        placeholder: 'VM or scale set (ADE ones first)',
        items: targets.map((t) => ({ label: `$(vm) ${t.name}`, description: t.state.label, value: t })),
      });
      id = t.id;
    }
    const t = await s.readTarget(id);
    return {
      outcome: 'document',
      document: await host.openDocument(vmMigrationMarkdown(eligibility(t, new Date())), 'markdown'),
    };
  } catch (err) {
    return host.fail(err, title, options);
  }
}

/** Every ADE VM and scale set that must move before the retirement date: markdown or JSON. */
export async function retirementReportCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { options } = parseArgs(args);
  const title = 'ADE retirement report';
  try {
    const s = await servicesFor(host.explorer);
    const format = await host.prompter(options).pick<'markdown' | 'json'>({
      title,
      placeholder: 'Report format',
      items: [
        { label: 'Markdown', description: 'a table to read or paste', value: 'markdown' },
        { label: 'JSON', description: 'for scripts and tickets', value: 'json' },
      ],
    });
    const now = new Date();
    const all = (await s.listTargets()).map((t) => eligibility(t, now));
    return { outcome: 'document', document: await host.openDocument(fleetReport(all, now, format), format) };
  } catch (err) {
    return host.fail(err, title, options);
  }
}
