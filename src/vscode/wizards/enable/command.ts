import type { WizardHost, WizardOptions, WizardOutcome } from '../runner';
import { parseArgs, servicesFor } from '../runner';
import { eligibility, vmMigrationMarkdown } from '../migrate/report';
import { enableRefusal } from './model';
import { buildEnablePlan, enableExport, enableSteps, type EnableContext } from './wizard';

const TITLE = 'Enable disk encryption';

/** `ade.wizard.enableEncryption`: palette (pickers) or tree node (pre-filled target). */
export async function enableEncryptionCommand(host: WizardHost, args: readonly unknown[]): Promise<WizardOutcome> {
  const { node, options } = parseArgs(args);
  try {
    const s = await servicesFor(host.explorer);
    const initial: EnableContext = {};
    const targetId = options.target ?? node?.ref.armId;
    if (targetId) {
      const t = await s.readTarget(targetId);
      const refusal = enableRefusal(t);
      if (refusal) return host.refuse(`${TITLE}: ${t.name} cannot get ADE: ${refusal}.`, options);
      initial.target = t;
    }
    const ctx = await host.ask(enableSteps(s), initial, options);
    if (!ctx?.action || !ctx.target || !ctx.vault) return { outcome: 'cancelled' };
    return finish(host, s, ctx, options);
  } catch (err) {
    return host.fail(err, TITLE, options);
  }
}

async function finish(
  host: WizardHost,
  s: Awaited<ReturnType<typeof servicesFor>>,
  ctx: EnableContext,
  options: WizardOptions,
): Promise<WizardOutcome> {
  const t = ctx.target;
  const v = ctx.vault;
  if (!t || !v) return { outcome: 'cancelled' };
  switch (ctx.action) {
    case 'bicep':
    case 'json': {
      const document = await host.openDocument(
        enableExport(ctx, ctx.action),
        ctx.action === 'bicep' ? 'bicep' : 'json',
      );
      return { outcome: 'exported', document };
    }
    case 'encryptionAtHost': {
      const document = await host.openDocument(vmMigrationMarkdown(eligibility(t, new Date())), 'markdown');
      return { outcome: 'document', document };
    }
    case 'apply':
      return host.apply(buildEnablePlan(s, ctx, options.follow), s, options, [t.id, v.id]);
    default:
      return { outcome: 'cancelled' };
  }
}
