import type { Rule } from '../model';
import { getProperty, stringValue } from '../model';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { adeVaults } from './util/vaultrefs';
import { vaults } from './util/vault';
import { isNull, label, lookupResource, missingRange, report, type PathLookup } from './util/values';

export const rule: Rule = {
  meta: {
    id: 'kv-firewall',
    title: 'Key Vault firewall should deny by default',
    defaultSeverity: 'warning',
    explanation:
      'With `networkAcls.defaultAction: Allow` (the default) and public network access on, the vault endpoint accepts requests from any network. A vault used by ADE that denies by default must still let trusted Azure services through (`bypass: AzureServices`), or encryption fails.',
    fixHint: "Set networkAcls.defaultAction to 'Deny' with bypass 'AzureServices' (or disable public network access).",
    docs: 'docs/rules/kv-firewall.md',
    equivalents: {
      checkov: ['CKV_AZURE_109'],
      psrule: ['Azure.KeyVault.Firewall'],
      trivy: ['AZU-0013'],
      azurePolicy: ['55615ac9-af46-4a59-874e-391cc3dfb490'],
    },
    tags: ['keyvault', 'network'],
  },
  *check(ctx) {
    const ade = adeVaults(ctx);
    for (const v of vaults(ctx)) {
      const props = v.properties;
      if (props?.kind !== 'object') continue;
      const pna = lookupResource(ctx, v, 'properties', 'publicNetworkAccess');
      // `null` is what ARM receives when a module leaves a setting out: the platform default.
      const pnaText =
        pna.state === 'missing' || (pna.state === 'present' && isNull(pna.value))
          ? 'enabled'
          : pna.state === 'present'
            ? stringValue(pna.value)
            : undefined;
      const aclsProp = getProperty(props, 'networkAcls');
      const action: PathLookup =
        aclsProp && isNull(aclsProp.value)
          ? { state: 'present', prop: aclsProp, value: aclsProp.value }
          : lookupResource(ctx, v, 'properties', 'networkAcls', 'defaultAction');
      const bypass = lookupResource(ctx, v, 'properties', 'networkAcls', 'bypass');
      const actionText =
        action.state === 'missing' || (action.state === 'present' && isNull(action.value))
          ? 'Allow'
          : action.state === 'present'
            ? stringValue(action.value)
            : undefined;
      const usedByAde = ade.get(v);
      if (
        actionText?.toLowerCase() === 'deny' &&
        usedByAde &&
        bypass.state === 'present' &&
        stringValue(bypass.value)?.toLowerCase() === 'none'
      ) {
        yield report(
          v,
          bypass.value.range,
          `Key vault '${label(v)}' is used by Azure Disk Encryption and its firewall blocks trusted Azure services (bypass: None); ADE cannot reach it.`,
          {
            severity: 'error',
            value: bypass.value,
            fixes: [replaceValueFix(ctx, v.file, bypass.value, 'AzureServices', "Set bypass: 'AzureServices'")],
          },
        );
      }
      if (pnaText === undefined || actionText === undefined) continue;
      if (pnaText.toLowerCase() === 'disabled' || actionText.toLowerCase() === 'deny') continue;
      const msg = `Key vault '${label(v)}' accepts traffic from all networks: set networkAcls.defaultAction to Deny (keeping bypass AzureServices) or disable public network access.`;
      if (action.state === 'present' && isNull(action.value)) {
        yield report(v, action.value.range, msg, { value: action.value });
      } else if (action.state === 'present') {
        yield report(v, action.value.range, msg, {
          value: action.value,
          fixes: [replaceValueFix(ctx, v.file, action.value, 'Deny', "Set defaultAction: 'Deny'")],
        });
      } else if (action.state === 'missing') {
        const acls = getProperty(props, 'networkAcls');
        const fix = !acls
          ? insertPropertyFix(
              ctx,
              v.file,
              props,
              'networkAcls',
              { bypass: 'AzureServices', defaultAction: 'Deny' },
              'Add networkAcls denying by default',
            )
          : acls.value.kind === 'object'
            ? insertPropertyFix(ctx, v.file, acls.value, 'defaultAction', 'Deny', "Add defaultAction: 'Deny'")
            : undefined;
        yield report(v, acls?.keyRange ?? missingRange(v, action), msg, { fixes: [fix] });
      }
    }
  },
};
