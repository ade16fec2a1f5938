/**
 * What usually fixes a failed ADE run, from the extension's message. The messages are the ones the
 * ADE troubleshooting docs list (e.g. "Failed to send DiskEncryptionData, Check KeyVault inputs…").
 */
export function adeFailureHint(message: string | undefined): string | undefined {
  const m = (message ?? '').toLowerCase();
  if (!m) return undefined;
  if (m.includes('not enabled for disk encryption')) {
    return 'Enable the key vault for disk encryption (vault access configuration), then run enable again.';
  }
  if (m.includes('diskencryptiondata') || m.includes('keyvault inputs')) {
    return 'Check the key vault: enabled for disk encryption, same region and subscription as the VM, trusted Microsoft services allowed through its firewall, and a versioned KEK URL.';
  }
  if (m.includes('memory') || m.includes('insufficient')) {
    return 'The VM has too little memory for ADE on this volume type (Linux OS encryption needs 8 GB or more); resize or encrypt data volumes only.';
  }
  if (m.includes('fstab') || m.includes('mount')) {
    return 'Data disks must be mounted and listed in /etc/fstab (with nofail and persistent names) before ADE can encrypt them.';
  }
  if (m.includes('policy')) {
    return 'An Azure Policy (e.g. secrets must expire) may be denying the secret ADE writes; exempt the vault or change the policy effect.';
  }
  return undefined;
}
