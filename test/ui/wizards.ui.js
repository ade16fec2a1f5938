'use strict';
// The enable wizard walked by keyboard: palette → VM → vault → key → volumes → preflight fix → summary → apply.
const widget = '.quick-input-widget';
const settings = { 'ade.sandbox.openWhenSignedOut': true, 'workbench.sideBar.location': 'left' };

/** Waits until the quick input shows `text` (its title or an item; placeholders are attributes, not text). */
async function expectQuickInput(ui, text, timeout = 60000) {
  await ui.page.locator(widget, { hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** Types a filter into the open quick pick and accepts the best match. */
async function choose(ui, filter) {
  const input = ui.page.locator(`${widget} input`);
  await input.fill(filter);
  await ui.page.locator(`${widget} .monaco-list-row`, { hasText: filter }).first().waitFor({ timeout: 30000 });
  await ui.page.keyboard.press('Enter');
}

module.exports = [
  {
    name: 'wizard: enable disk encryption by keyboard, with a preflight fix and a summary',
    settings,
    async run(ui) {
      const page = ui.page;
      await ui.openActivity('Disk Encryption');
      await ui.expectTreeRow('Sandbox: default', 90000);
      await ui.runCommand('ADE: Enable Disk Encryption');

      // The step shows at once (busy) while the subscriptions' VMs load.
      await expectQuickInput(ui, 'Enable disk encryption', 120000);
      await expectQuickInput(ui, 'vm-plain', 120000);
      await ui.screenshot('wizard-01-target');
      await choose(ui, 'vm-plain');

      await expectQuickInput(ui, 'kv-ade-noflag', 120000);
      await expectQuickInput(ui, 'Other vaults (ADE needs the same region and subscription)');
      await ui.screenshot('wizard-02-vault');
      await choose(ui, 'kv-ade-noflag');

      await expectQuickInput(ui, 'key encryption key');
      await ui.screenshot('wizard-03-kek');
      await choose(ui, 'No key encryption key');

      await expectQuickInput(ui, 'volumes');
      await ui.screenshot('wizard-04-volumes');
      // vm-plain has no data disks: OS comes first, All second; accept OS with Enter.
      await page.keyboard.press('Enter');

      await expectQuickInput(ui, 'preflight checks', 90000);
      await expectQuickInput(ui, 'not enabled for disk encryption');
      await ui.screenshot('wizard-05-preflight');
      await choose(ui, 'Fix: enable disk encryption');
      await expectQuickInput(ui, 'The vault is enabled for disk encryption');
      await ui.screenshot('wizard-06-preflight-fixed');
      await choose(ui, 'Continue to the summary');

      await expectQuickInput(ui, 'What will change in Azure');
      await expectQuickInput(ui, 'enabledForDiskEncryption → true');
      await ui.screenshot('wizard-07-summary');
      await choose(ui, 'Apply');

      await ui.expectNotification('Enable disk encryption on vm-plain', 60000);
      await page.waitForTimeout(1500); // let the toast finish fading in
      await ui.screenshot('wizard-08-applying');
    },
  },
];
