// The linter's verdicts on the ADE facts that were wrong or missing before src/ade: one small ARM template
// per case, run through the one rule that owns the fact.
import * as assert from 'node:assert/strict';
import type { RuleReport } from '../../../../src/analysis/model';
import { adeTemplate, type VmOptions } from './ade-template';
import { run } from './helpers';

async function lint(id: string, o: VmOptions): Promise<RuleReport[]> {
  return (await run(id, 'test.json', adeTemplate(o))).reports;
}

const withSettings = (extra: Record<string, string>, volumeType = 'All'): Record<string, string> => ({
  EncryptionOperation: 'EnableEncryption',
  KeyVaultURL: 'https://kvade.vault.azure.net/',
  KeyVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
  VolumeType: volumeType,
  ...extra,
});

describe('ADE facts in the linter', () => {
  describe('sizes (ade-unsupported-target)', () => {
    it('refuses v6 sizes with a temporary disk on Linux as well as Windows', async () => {
      for (const os of ['Linux', 'Windows'] as const) {
        const r = await lint('ade-unsupported-target', { os, size: 'Standard_D4ds_v6' });
        assert.equal(r.length, 1, os);
        assert.match(r[0]!.message, /v6 sizes with a temporary disk/);
      }
    });
    it('accepts v6 sizes without a temporary disk', async () => {
      assert.equal((await lint('ade-unsupported-target', { os: 'Linux', size: 'Standard_D4s_v6' })).length, 0);
    });
  });

  describe('memory minimums (ade-unsupported-target)', () => {
    it('Linux OS+data needs 8 GB: Standard_D2ls_v5 (4 GiB) with All is reported', async () => {
      const r = await lint('ade-unsupported-target', {
        os: 'Linux',
        size: 'Standard_D2ls_v5',
        settings: withSettings({}, 'All'),
      });
      assert.equal(r.length, 1);
      assert.match(r[0]!.message, /8 GB/);
    });
    it('Linux data volumes need 2 GB only: the same size with Data is fine', async () => {
      const r = await lint('ade-unsupported-target', {
        os: 'Linux',
        size: 'Standard_D2ls_v5',
        settings: withSettings({}, 'Data'),
      });
      assert.equal(r.length, 0);
    });
    it('Windows needs 2 GB: Standard_B1s (1 GiB) is reported', async () => {
      const r = await lint('ade-unsupported-target', { os: 'Windows', size: 'Standard_B1s' });
      assert.equal(r.length, 1);
      assert.match(r[0]!.message, /2 GB/);
    });
    it('an unknown size gives no memory finding', async () => {
      assert.equal((await lint('ade-unsupported-target', { os: 'Linux', size: 'Standard_X9zz_v3' })).length, 0);
    });
  });

  describe('Key Vault URLs (ade-key-vault-settings, ade-kek-settings)', () => {
    it('refuses a port in KeyVaultURL', async () => {
      const r = await lint('ade-key-vault-settings', {
        os: 'Linux',
        settings: withSettings({ KeyVaultURL: 'https://kvade.vault.azure.net:443/' }),
      });
      assert.equal(r.length, 1);
      assert.match(r[0]!.message, /port/);
    });
    it('refuses a port in KeyEncryptionKeyURL', async () => {
      const r = await lint('ade-kek-settings', {
        os: 'Windows',
        settings: withSettings({
          KeyEncryptionKeyURL: 'https://kvade.vault.azure.net:443/keys/kek/0123456789abcdef0123456789abcdef',
          KekVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
        }),
      });
      assert.ok(
        r.some((x) => /port/.test(x.message)),
        r.map((x) => x.message).join('\n'),
      );
    });
    it('refuses a Managed HSM key as KEK', async () => {
      const r = await lint('ade-kek-settings', {
        os: 'Windows',
        settings: withSettings({
          KeyEncryptionKeyURL: 'https://pool1.managedhsm.azure.net/keys/kek/0123456789abcdef0123456789abcdef',
          KekVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
        }),
      });
      assert.ok(
        r.some((x) => /Managed HSM/.test(x.message)),
        r.map((x) => x.message).join('\n'),
      );
    });
    it("refuses a KEK URL whose vault is not KekVaultResourceId's vault", async () => {
      const r = await lint('ade-kek-settings', {
        os: 'Windows',
        settings: withSettings({
          KeyEncryptionKeyURL: 'https://otherkv.vault.azure.net/keys/kek/0123456789abcdef0123456789abcdef',
          KekVaultResourceId: "[resourceId('Microsoft.KeyVault/vaults', 'kvade')]",
        }),
      });
      assert.ok(
        r.some((x) => /KekVaultResourceId names 'kvade'/.test(x.message)),
        r.map((x) => x.message).join('\n'),
      );
    });
    it('the legacy Windows schema has KekVaultResourceId: a KEK URL without it is reported', async () => {
      const r = await lint('ade-kek-settings', {
        os: 'Windows',
        version: '1.1',
        settings: withSettings({
          AADClientID: '00000000-0000-0000-0000-000000000001',
          KeyEncryptionKeyURL: 'https://kvade.vault.azure.net/keys/kek/0123456789abcdef0123456789abcdef',
        }),
      });
      assert.ok(
        r.some((x) => /KekVaultResourceId is not/.test(x.message)),
        r.map((x) => x.message).join('\n'),
      );
    });
  });

  describe('volume types (ade-volume-type, ade-encryption-operation)', () => {
    it('Linux Data on a VM names the cost of All and recommends encryption at host first', async () => {
      const r = await lint('ade-volume-type', { os: 'Linux', settings: withSettings({}, 'Data') });
      assert.equal(r.length, 1);
      assert.match(r[0]!.message, /encryption at host/);
      assert.match(r[0]!.message, /cannot be undone/);
      assert.match(r[0]!.message, /8 GB/);
      assert.equal(r[0]!.fixes?.[0]?.preferred, false);
    });
    it('Linux scale sets: All is an error', async () => {
      const r = await lint('ade-volume-type', { os: 'Linux', host: 'vmss' });
      assert.equal(r.length, 1);
      assert.equal(r[0]!.severity, 'error');
    });
    it('a Linux disable says it is refused while the OS volume is encrypted', async () => {
      const r = await lint('ade-encryption-operation', {
        os: 'Linux',
        settings: { EncryptionOperation: 'DisableEncryption', VolumeType: 'Data' },
      });
      assert.equal(r.length, 1);
      assert.match(r[0]!.message, /Disabling encryption is not supported when OS volume is encrypted/);
    });
  });

  describe('settings key case (ade-settings-keys)', () => {
    it('Linux: a mis-cased key is not read (warning)', async () => {
      const r = await lint('ade-settings-keys', {
        os: 'Linux',
        settings: withSettings({ volumeType: 'Data' }),
      });
      const hit = r.find((x) => /volumeType/.test(x.message));
      assert.ok(hit);
      assert.notEqual(hit.severity, 'info');
      assert.match(hit.message, /case-sensitively/);
    });
    it('Windows: at most info, "non-canonical key", never "ignored"', async () => {
      const r = await lint('ade-settings-keys', {
        os: 'Windows',
        settings: {
          encryptionOperation: 'EnableEncryption',
          keyVaultURL: 'https://kvade.vault.azure.net/',
          volumeType: 'All',
        },
      });
      assert.equal(r.length, 3);
      for (const x of r) {
        assert.equal(x.severity, 'info');
        assert.match(x.message, /Non-canonical/);
        assert.doesNotMatch(x.message, /ignored/);
      }
    });
  });

  describe('versions (ade-extension-version)', () => {
    it('Windows 2.1 is the earlier single-pass release: info, minor upgrade to 2.2', async () => {
      const r = await lint('ade-extension-version', { os: 'Windows', version: '2.1' });
      assert.equal(r.length, 1);
      assert.equal(r[0]!.severity, 'info');
      assert.match(r[0]!.message, /earlier single-pass/);
      assert.doesNotMatch(r[0]!.message, /not a documented/);
    });
  });
});
