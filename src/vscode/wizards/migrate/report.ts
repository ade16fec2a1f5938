/**
 * Encryption-at-host eligibility and migration steps for ADE VMs, as markdown or JSON. Pure: the
 * facts come from the Azure layer's encryption state and the VM model.
 */
import { daysUntilRetirement, migrationPath, SOURCES, type MigrationPath } from '../../../ade';
import type { TargetInfo } from '../services';
import { RETIREMENT_DATE } from '../enable/model';

export interface Eligibility {
  readonly name: string;
  readonly id: string;
  readonly kind: 'vm' | 'vmss';
  readonly os: string;
  readonly location: string;
  readonly state: string;
  /** ADE is in use (installed or stamped) and the VM must move before the retirement date. */
  readonly mustMigrate: boolean;
  /** Encryption at host can be turned on in place (never had ADE, no conflicting encryption). */
  readonly inPlace: boolean;
  /** Linux with an encrypted OS disk: a new VM and a file-level data move (the OS disk cannot be decrypted). */
  readonly needsNewVm: boolean;
  /** The way off ADE (src/ade/migration.ts). */
  readonly path: MigrationPath;
  readonly reasons: readonly string[];
  readonly daysLeft: number;
}

const MIGRATE_DOC = SOURCES.migrate.ref;
const EAH_DOC = 'https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal';

export { daysUntilRetirement };

export function eligibility(t: TargetInfo, now: Date): Eligibility {
  const st = t.state;
  // "Ever had ADE": installed or stamped now, or a disk's encryptionSettingsVersion (it survives decryption).
  const everAde = st.everAde === true || !!st.ade || st.summary === 'hadAde';
  const adeNow = everAde && st.summary !== 'hadAde';
  const advice = migrationPath({
    os: t.os === 'Windows' || t.os === 'Linux' ? t.os : undefined,
    everAde,
    osVolumeEncrypted: st.summary === 'hadAde' ? false : st.osDiskEncrypted,
  });
  const reasons: string[] = [];
  if (st.summary === 'encryptionAtHost') reasons.push('Encryption at host is already on; nothing to do.');
  if (st.summary === 'sseCustomerKey')
    reasons.push('Disks use a disk encryption set (SSE with a customer key); encryption at host can be added on top.');
  if (st.summary === 'legacyAad')
    reasons.push('Legacy ADE (Microsoft Entra app): disable needs the app credentials (az vm encryption disable).');
  if (st.summary !== 'encryptionAtHost') reasons.push(advice.why);
  const inPlace = advice.path === 'enableInPlace' && st.summary !== 'encryptionAtHost';
  return {
    name: t.name,
    id: t.id,
    kind: t.kind,
    os: t.os ?? 'unknown',
    location: t.location,
    state: st.label,
    mustMigrate: adeNow,
    inPlace,
    needsNewVm: advice.path === 'newVmFileCopy',
    path: advice.path,
    reasons,
    daysLeft: daysUntilRetirement(now),
  };
}

function steps(e: Eligibility): string[] {
  if (e.path === 'enableInPlace') {
    return e.inPlace
      ? [
          'Make sure the subscription has the feature: `az feature register --namespace Microsoft.Compute --name EncryptionAtHost`.',
          `Deallocate the VM: \`az vm deallocate --ids ${e.id}\`.`,
          `Turn encryption at host on: \`az vm update --ids ${e.id} --set securityProfile.encryptionAtHost=true\`.`,
          `Start the VM: \`az vm start --ids ${e.id}\`.`,
        ]
      : ['Nothing to do.'];
  }
  if (e.path === 'newVmFileCopy') {
    // Copying these disks would copy dm-crypt volumes: the data moves at file level instead.
    return [
      'Back up the VM (Azure Backup keeps the ADE keys; check that a restore works).',
      'Create a new Linux VM with `securityProfile.encryptionAtHost = true` from a fresh image, with new empty data disks.',
      'Copy the data at file level from the old VM to the new one (scp, rsync, or a file-level backup and restore). Do not copy or upload the old disks: they hold dm-crypt volumes.',
      'Check the workload, then delete the old VM, its disks and (when no other VM uses them) the ADE secrets in the key vault.',
    ];
  }
  const out = ['Back up the VM (Azure Backup keeps ADE keys; check the restore works).'];
  if (e.mustMigrate) {
    out.push(
      e.os === 'Windows'
        ? `Disable ADE on all volumes first (run "ADE: Disable Disk Encryption", or \`az vm encryption disable --ids ${e.id} --volume-type ALL\`), wait until every disk reports decrypted, then remove the extension.`
        : `Disable ADE on the data disks (\`az vm encryption disable --ids ${e.id} --volume-type DATA\`), wait until they report decrypted, then remove the extension.`,
    );
  }
  out.push(
    'Create new managed disks by downloading each disk (SAS) and uploading it to a new empty disk (a snapshot or copy would keep the ADE flag).',
    'Create a new VM with `securityProfile.encryptionAtHost = true` from the new OS disk and attach the new data disks.',
    'Check the workload, then delete the old VM, its disks and (when no other VM uses them) the ADE secrets in the key vault.',
  );
  return out;
}

export function vmMigrationMarkdown(e: Eligibility): string {
  return [
    `# Move ${e.name} to encryption at host`,
    '',
    `ADE retires on **${RETIREMENT_DATE}** (${e.daysLeft} days left): after that, ADE disks fail to unlock after a reboot.`,
    '',
    '| | |',
    '|---|---|',
    `| Resource | \`${e.id}\` |`,
    `| OS | ${e.os} |`,
    `| Region | ${e.location} |`,
    `| Encryption now | ${e.state} |`,
    `| Must move before ${RETIREMENT_DATE} | ${e.mustMigrate ? 'yes' : 'no'} |`,
    `| Encryption at host in place | ${e.inPlace ? 'yes' : 'no'} |`,
    `| New VM needed | ${e.needsNewVm ? 'yes (file-level data move)' : 'no'} |`,
    '',
    '## Eligibility',
    '',
    ...e.reasons.map((r) => `- ${r}`),
    '',
    '## Steps',
    '',
    ...steps(e).map((s, i) => `${i + 1}. ${s}`),
    '',
    `Guides: [ADE migration](${MIGRATE_DOC}) · [Encryption at host](${EAH_DOC})`,
    '',
  ].join('\n');
}

export function fleetReport(all: readonly Eligibility[], now: Date, format: 'markdown' | 'json'): string {
  const must = all.filter((e) => e.mustMigrate).sort((a, b) => a.name.localeCompare(b.name));
  if (format === 'json') {
    return `${JSON.stringify(
      {
        retirementDate: RETIREMENT_DATE,
        generated: now.toISOString(),
        daysLeft: daysUntilRetirement(now),
        mustMigrate: must,
        total: all.length,
      },
      null,
      2,
    )}\n`;
  }
  return [
    `# ADE retirement report`,
    '',
    `ADE retires on **${RETIREMENT_DATE}** (${daysUntilRetirement(now)} days left). ${must.length} of ${all.length} VMs and scale sets must move to encryption at host before then.`,
    '',
    '| Name | Kind | OS | Region | Encryption now | New VM needed |',
    '|---|---|---|---|---|---|',
    ...must.map(
      (e) =>
        `| ${e.name} | ${e.kind === 'vm' ? 'VM' : 'scale set'} | ${e.os} | ${e.location} | ${e.state} | ${e.needsNewVm ? 'yes' : 'no'} |`,
    ),
    '',
    `Steps per VM: run "ADE: Migrate to Encryption at Host" on it. Guide: ${MIGRATE_DOC}`,
    '',
  ].join('\n');
}
