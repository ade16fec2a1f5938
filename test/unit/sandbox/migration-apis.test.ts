// APIs the migration to encryption at host needs: preview feature registration, disks created for upload with
// SAS access, and Run Command answering from the simulated in-guest encryption state.
import assert from 'node:assert/strict';
import { raw, setup } from './helpers';

const feature = (sub: string): string =>
  `/subscriptions/${sub}/providers/Microsoft.Features/providers/Microsoft.Compute/features/EncryptionAtHost`;
const API = '?api-version=2021-07-01';

describe('sandbox: APIs for the move to encryption at host', () => {
  it('Microsoft.Features: EncryptionAtHost Registered in Production, NotRegistered in DR until registered', async () => {
    const c = setup();
    const [prod, dr] = c.sb.subscriptions.map((s) => s.subscriptionId);
    const state = async (sub: string): Promise<string> =>
      ((await raw(c.sb, 'GET', `${feature(sub ?? '')}${API}`)).body as { properties: { state: string } }).properties
        .state;
    assert.equal(await state(prod ?? ''), 'Registered');
    assert.equal(await state(dr ?? ''), 'NotRegistered');
    const reg = await raw(c.sb, 'POST', `${feature(dr ?? '')}/register${API}`);
    assert.equal(reg.status, 200);
    assert.equal((reg.body as { name: string }).name, 'Microsoft.Compute/EncryptionAtHost');
    assert.equal(await state(dr ?? ''), 'Registering');
    c.sb.advance(300);
    assert.equal(await state(dr ?? ''), 'Registered');
    const unknown = await raw(c.sb, 'GET', `${feature(prod ?? '').replace('EncryptionAtHost', 'NoSuchFeature')}${API}`);
    assert.equal(unknown.status, 404);
    // The reader may look but not register.
    const token = (await c.sb.credentialFor('ade-reader').getToken('https://management.azure.com/.default'))!.token;
    assert.equal((await raw(c.sb, 'GET', `${feature(prod ?? '')}${API}`, { token })).status, 200);
    const denied = await raw(c.sb, 'POST', `${feature(prod ?? '')}/register${API}`, { token });
    assert.equal(denied.status, 403);
    assert.match(
      (denied.body as { error: { message: string } }).error.message,
      /'Microsoft\.Features\/providers\/features\/register\/action'/,
    );
  });

  it('disk upload: ReadyToUpload, a write SAS makes it ActiveUpload, revoking ends in Unattached', async () => {
    const c = setup();
    const disk = await c.compute.disks.beginCreateOrUpdateAndWait('rg-ade-prod', 'disk-upload', {
      location: 'eastus',
      creationData: { createOption: 'Upload', uploadSizeBytes: 34359738880 },
    });
    assert.equal(disk.diskState, 'ReadyToUpload');
    assert.equal(disk.diskSizeGB, 32);
    const access = await c.compute.disks.beginGrantAccessAndWait('rg-ade-prod', 'disk-upload', {
      access: 'Write',
      durationInSeconds: 86400,
    });
    assert.match(access.accessSAS ?? '', /^https:\/\/md-[0-9a-f]+\.blob\.core\.windows\.net\/.+\?sv=.*&sig=/);
    assert.equal((await c.compute.disks.get('rg-ade-prod', 'disk-upload')).diskState, 'ActiveUpload');
    await c.compute.disks.beginRevokeAccessAndWait('rg-ade-prod', 'disk-upload');
    assert.equal((await c.compute.disks.get('rg-ade-prod', 'disk-upload')).diskState, 'Unattached');
    await assert.rejects(
      c.compute.disks.beginGrantAccessAndWait('rg-ade-prod', 'disk-upload', { access: 'Write', durationInSeconds: 60 }),
      (e) => (e as { statusCode?: number }).statusCode === 409,
    );
    await assert.rejects(
      c.compute.disks.beginCreateOrUpdateAndWait('rg-ade-prod', 'disk-tiny', {
        location: 'eastus',
        creationData: { createOption: 'Upload', uploadSizeBytes: 512 },
      }),
      (e) => (e as { statusCode?: number }).statusCode === 400,
    );
  });

  it('Run Command: manage-bde -status on Windows reads the per-volume ADE state', async () => {
    const c = setup();
    const run = async (vm: string): Promise<string> => {
      const r = await c.compute.virtualMachines.beginRunCommandAndWait('rg-ade-prod', vm, {
        commandId: 'RunPowerShellScript',
        script: ['manage-bde -status'],
      });
      assert.equal(r.value?.[0]?.code, 'ComponentStatus/StdOut/succeeded');
      return r.value?.[0]?.message ?? '';
    };
    const full = await run('vm-win-ade-kek');
    assert.match(full, /Volume C: \[Windows\]\n\[OS Volume\][\s\S]*Conversion Status:\s+Fully Encrypted/);
    assert.match(full, /Volume F: \[Data\][\s\S]*Percentage Encrypted: 100\.0%/);
    const osOnly = await run('vm-win-os-only');
    assert.match(
      osOnly,
      /Volume F: \[Data\]\n\[Data Volume\]\n\n\s+Size:[^\n]*\n[^\n]*\n\s+Conversion Status:\s+Fully Decrypted/,
    );
  });

  it('Run Command: lsblk and cryptsetup status on Linux show the crypt devices of encrypted volumes only', async () => {
    const c = setup();
    const r = await c.compute.virtualMachines.beginRunCommandAndWait('rg-ade-prod', 'vm-linux-data', {
      commandId: 'RunShellScript',
      script: ['lsblk', 'cryptsetup status resourceencrypt-lun0', 'cryptsetup status osencrypt', 'uname -a'],
    });
    const msg = r.value?.[0]?.message ?? '';
    assert.equal(r.value?.[0]?.code, 'ProvisioningState/succeeded');
    assert.match(msg, /^Enable succeeded: \n\[stdout\]\n/);
    assert.match(msg, /\n\s+└─resourceencrypt-lun0\s+253:0\s+0\s+\d+G\s+0 crypt \/data0\n/);
    assert.match(msg, /\nsda\s+8:0\s+0\s+\d+G\s+0 disk\n└─sda1\s+8:1\s+0\s+\d+G\s+0 part\s+\/\n/);
    assert.match(msg, /resourceencrypt-lun1\s+253:1/);
    assert.doesNotMatch(msg, /osencrypt\s+253/);
    assert.match(msg, /\/dev\/mapper\/resourceencrypt-lun0 is active and is in use\./);
    assert.match(msg, /\/dev\/mapper\/osencrypt is inactive\./);
    assert.match(msg, /\[stderr\]\nsandbox: 'uname -a' was not run/);
    await assert.rejects(
      c.compute.virtualMachines.beginRunCommandAndWait('rg-ade-prod', 'vm-win-ade-kek', {
        commandId: 'RunShellScript',
        script: ['lsblk'],
      }),
      (e) => (e as { statusCode?: number }).statusCode === 400,
    );
  });
});
