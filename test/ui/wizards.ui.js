'use strict';
// The enable wizard walked by keyboard: palette → VM → vault → key → volumes → preflight fix → summary → apply.
const widget = '.quick-input-widget';

/** Waits until the quick input shows `text` (title, placeholder or an item). */
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
    async run(ui) {
      const page = ui.page;
      await ui.openActivity('Disk Encryption');
      await ui.runCommand('ADE: Open Sandbox');
      await ui.expectNotification('nothing you do there touches Azure');
      await ui.runCommand('ADE: Enable Disk Encryption');

      await expectQuickInput(ui, 'VM or scale set to encrypt');
      await expectQuickInput(ui, 'vm-plain');
      await ui.screenshot('wizard-01-target');
      await choose(ui, 'vm-plain');

      await expectQuickInput(ui, 'Key vault for the disk encryption keys');
      await expectQuickInput(ui, 'different subscription');
      await ui.screenshot('wizard-02-vault');
      await choose(ui, 'kv-ade-noflag');

      await expectQuickInput(ui, 'Wrap the disk encryption secrets');
      await ui.screenshot('wizard-03-kek');
      await choose(ui, 'No key encryption key');

      await expectQuickInput(ui, 'Which volumes of vm-plain');
      await ui.screenshot('wizard-04-volumes');
      // Items are All, OS, Data: move to OS with the arrow key.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');

      await expectQuickInput(ui, 'preflight checks', 90000);
      await expectQuickInput(ui, 'not enabled for disk encryption');
      await ui.screenshot('wizard-05-preflight');
      await choose(ui, 'Fix: enable disk encryption');
      await expectQuickInput(ui, 'All blocking checks pass');
      await ui.screenshot('wizard-06-preflight-fixed');
      await choose(ui, 'Continue to the summary');

      await expectQuickInput(ui, 'What will change in Azure');
      await expectQuickInput(ui, 'enabledForDiskEncryption → true');
      await ui.screenshot('wizard-07-summary');
      await choose(ui, 'Apply');

      await ui.expectNotification('Enable disk encryption on vm-plain', 60000);
      await ui.screenshot('wizard-08-applying');
    },
  },
];
