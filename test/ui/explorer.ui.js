'use strict';
// The Encryption Explorer on the default sandbox: every badge state, details of a VM and a vault.
const settings = { 'ade.sandbox.openWhenSignedOut': true, 'workbench.sideBar.location': 'left' };

async function widenSideBar(ui) {
  // Drag the side bar's right edge so descriptions are readable in screenshots.
  const box = await ui.page
    .locator('.part.sidebar')
    .first()
    .boundingBox()
    .catch(() => null);
  if (!box) return;
  const x = box.x + box.width - 1;
  const y = box.y + box.height / 2;
  await ui.page.mouse.move(x, y);
  await ui.page.waitForTimeout(300);
  await ui.page.mouse.down();
  await ui.page.mouse.move(x + 380, y, { steps: 10 });
  await ui.page.mouse.up();
}

async function expand(ui, label) {
  const row = await ui.expectTreeRow(label);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  return row;
}

module.exports = [
  {
    name: 'explorer opens the sandbox when signed out and shows every badge state',
    settings,
    async run(ui) {
      await ui.openActivity('Disk Encryption');
      await widenSideBar(ui);
      await ui.expectTreeRow('Sandbox: default');
      await expand(ui, 'Contoso Production');
      await expand(ui, 'Virtual Machines');
      for (const text of [
        'Encrypted (ADE)',
        'OS not encrypted',
        'Data not encrypted',
        'Not encrypted',
        'Encryption in progress',
        'ADE failed',
        'Encryption at host',
        'SSE with customer key',
        'Legacy ADE (AAD)',
      ]) {
        await ui.expectTreeRow(text);
      }
      await ui.screenshot('explorer-01-vm-badges');
      await expand(ui, 'VM Scale Sets');
      await expand(ui, 'Key Vaults');
      await ui.expectTreeRow('Ready for ADE');
      await ui.expectTreeRow('Not ready: disk encryption off');
      await ui.expectTreeRow('Not ready: firewall blocks trusted services');
      await ui.screenshot('explorer-02-vaults-and-scale-sets');
      const row = await ui.expectTreeRow('vm-ade-failed');
      await row.hover();
      await ui
        .expectText('**Next:**'.replace(/\*/g, ''), { within: '.monaco-hover', timeout: 15000 })
        .catch(() => undefined);
      await ui.screenshot('explorer-03-failed-vm-tooltip');
    },
  },
  {
    name: 'explorer details a VM and a vault',
    settings,
    async run(ui) {
      await ui.openActivity('Disk Encryption');
      await widenSideBar(ui);
      await expand(ui, 'Contoso Production');
      await expand(ui, 'Virtual Machines');
      await expand(ui, 'vm-win-ade-kek');
      await ui.expectTreeRow('ADE retires 2028-09-15');
      await ui.expectTreeRow('AzureDiskEncryption 2.2');
      await expand(ui, 'AzureDiskEncryption 2.2');
      await ui.expectTreeRow('KeyEncryptionKeyURL');
      await ui.screenshot('explorer-04-vm-details');
      // Fold the VMs away, then open a vault.
      await (await ui.expectTreeRow('Virtual Machines')).click();
      await expand(ui, 'Key Vaults');
      await expand(ui, 'kv-ade-ready');
      await expand(ui, 'Readiness for ADE');
      await ui.expectTreeRow('Enabled for disk encryption');
      await expand(ui, 'Keys');
      await ui.expectTreeRow('kek-rsa');
      await expand(ui, 'ADE Secrets (BEK)');
      await ui.expectTreeRow('vm-win-ade-kek');
      await ui.screenshot('explorer-05-vault-details');
    },
  },
];
