import type { Rule } from '../model';
import { VM_TYPE, VMSS_TYPE } from './util/ade';
import { eahAnchor, enableEahFix, encryptionState } from './util/encryption-state';
import { declared, label, report } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'ade-vm-no-encryption',
    title: 'VM disks have no encryption beyond platform-managed keys',
    defaultSeverity: 'warning',
    explanation:
      'Managed disks are always encrypted at rest with platform-managed keys, but temp disks, caches and data flowing between compute and storage are not, and the keys are not yours. This VM uses neither encryption at host, a customer-managed key (disk encryption set) nor Azure Disk Encryption.',
    fixHint: 'Enable encryption at host: securityProfile.encryptionAtHost: true.',
    docs: 'docs/rules/ade-vm-no-encryption.md',
    equivalents: {
      checkov: ['CKV_AZURE_97', 'CKV_AZURE_151'],
      azurePolicy: [
        '3dc5edcd-002d-444c-b216-e123bbfa37c0',
        'ca88aadc-6e2b-416c-9de2-5a0f01d1693f',
        'fc4d8e41-e223-45ea-9bf5-eada37891d87',
      ],
    },
    tags: ['encryption-at-host'],
  },
  *check(ctx) {
    for (const host of declared([...ctx.resourcesOfType(VM_TYPE), ...ctx.resourcesOfType(VMSS_TYPE)])) {
      const s = encryptionState(ctx, host);
      if (s.confidential || s.ade !== 'no' || s.eah !== 'no' || s.cmk !== 'no') continue;
      yield report(
        host,
        s.eahNode?.range ?? eahAnchor(host),
        `'${label(host)}' has no disk encryption beyond platform-managed keys: no encryption at host, no customer-managed key and no Azure Disk Encryption. Enable encryption at host.`,
        { value: s.eahNode, fixes: [enableEahFix(ctx, host, s.eahNode)] },
      );
    }
  },
};
