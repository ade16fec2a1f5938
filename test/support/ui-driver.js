'use strict';
// Small vocabulary for UI specs: what a person does in the workbench, in their words.
const path = require('path');
const fs = require('fs');

class WorkbenchDriver {
  constructor(page, screenshotDir) {
    this.page = page;
    this.screenshotDir = screenshotDir;
    this.shots = [];
  }

  async screenshot(name) {
    fs.mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    this.shots.push(file);
    return file;
  }

  /** Clicks an activity-bar entry by its label (the container title). */
  async openActivity(label) {
    const entry = this.page.locator(`.activitybar [aria-label^="${label}"]`).first();
    await entry.waitFor({ timeout: 60000 });
    await entry.click();
  }

  /** Runs a command from the palette (F1) by its full title, e.g. "ADE: Open Sandbox". */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  async expectText(text, { within = '.monaco-workbench', timeout = 30000 } = {}) {
    await this.page.locator(within, { hasText: text }).first().waitFor({ timeout });
  }

  async expectTreeRow(text, timeout = 30000) {
    const row = this.page.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout });
    return row;
  }

  async expectNotification(text, timeout = 30000) {
    await this.page.locator('.notifications-toasts', { hasText: text }).first().waitFor({ timeout });
  }
}

module.exports = { WorkbenchDriver };
