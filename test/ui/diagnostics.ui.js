'use strict';
// Squiggles in a template and the Problems panel, as a user sees them.
async function openFile(ui, name) {
  await ui.page.keyboard.press('Control+P');
  const input = ui.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.monaco-editor .view-lines').first().waitFor();
}

module.exports = [
  {
    name: 'lint squiggles and the Problems panel for a Bicep template',
    async run(ui) {
      await openFile(ui, 'linux-ade.bicep');
      // Error squiggles are drawn as decorations once the extension has linted the file.
      await ui.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
      await ui.page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 10000 });
      await ui.runCommand('Problems: Focus on Problems View');
      await ui.expectText('kv-disk-encryption-flag', { within: '.markers-panel' });
      await ui.expectText('ade-volume-type', { within: '.markers-panel' });
      await ui.screenshot('10-lint-squiggles-problems');
    },
  },
];
