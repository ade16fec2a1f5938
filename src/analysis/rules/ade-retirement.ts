import type { Rule } from '../model';
import { ADE_RETIREMENT } from '../../ade';
import { encryptingAdeExtensions } from './util/ade';
import { report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-retirement',
    title: `Azure Disk Encryption is retiring on ${ADE_RETIREMENT.date}`,
    defaultSeverity: 'info',
    explanation: `Azure Disk Encryption is scheduled for retirement on ${ADE_RETIREMENT.longDate}; after that date ADE-encrypted disks fail to unlock on reboot. Encryption at host is the recommended replacement for new VMs (${ADE_RETIREMENT.source.ref}).`,
    fixHint: 'Plan a migration to encryption at host (securityProfile.encryptionAtHost) on new VMs and disks.',
    docs: 'docs/rules/ade-retirement.md',
    tags: ['ade', 'retirement'],
  },
  *check(ctx) {
    for (const e of encryptingAdeExtensions(ctx)) {
      const range = e.typeProp?.value.range ?? e.propertiesProp?.keyRange ?? e.resource.declRange;
      yield report(
        e.resource,
        range,
        `Azure Disk Encryption retires on ${ADE_RETIREMENT.date}: disks it encrypts will fail to unlock after reboots from then on. Use encryption at host (securityProfile.encryptionAtHost) for new VMs and plan the migration.`,
      );
    }
  },
};
