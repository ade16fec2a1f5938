import type { Rule } from '../model';
import { VM_TYPE, VMSS_TYPE } from './util/ade';
import { eahAnchor, enableEahFix, encryptionState } from './util/encryption-state';
import { declared, label, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-encryption-at-host',
    title: 'Encryption at host is not enabled',
    defaultSeverity: 'info',
    explanation:
      'A customer-managed key (disk encryption set) protects the managed disks, but only encryption at host also encrypts temp disks, OS/data disk caches and the data flowing to storage. Reported once per VM; VMs with nothing at all get ade-vm-no-encryption instead, and ADE VMs are skipped (the two cannot be combined).',
    fixHint: 'Set securityProfile.encryptionAtHost: true (register the EncryptionAtHost feature on the subscription).',
    docs: 'docs/rules/ade-encryption-at-host.md',
    equivalents: {
      checkov: ['CKV_AZURE_97', 'CKV_AZURE_151'],
      azurePolicy: ['fc4d8e41-e223-45ea-9bf5-eada37891d87'],
    },
    tags: ['encryption-at-host'],
  },
  *check(ctx) {
    for (const host of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
      const s = encryptionState(ctx, host);
      if (s.confidential || s.ade !== 'no' || s.eah !== 'no') continue;
      if (s.cmk === 'no') continue; // ade-vm-no-encryption reports it
      yield report(
        host,
        s.eahNode?.range ?? eahAnchor(host),
        `Encryption at host is not enabled on '${label(host)}': temp disks and disk caches are not encrypted with the VM's keys.`,
        { value: s.eahNode, fixes: [enableEahFix(ctx, host, s.eahNode)] },
      );
    }
  },
};
