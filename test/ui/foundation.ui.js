'use strict';
// The packaged extension installs, its container and view appear, and its commands run.
module.exports = [
  {
    name: 'activity bar shows the Disk Encryption view with its welcome content',
    async run(ui) {
      await ui.openActivity('Disk Encryption');
      await ui.expectText('Sign in to Azure to see which VM disks are encrypted', { within: '.pane-body' });
      await ui.expectText('Open Sandbox', { within: '.pane-body' });
      await ui.screenshot('01-welcome-view');
    },
  },
  {
    name: 'palette command opens the sandbox and the view says so',
    async run(ui) {
      await ui.openActivity('Disk Encryption');
      await ui.runCommand('ADE: Open Sandbox');
      await ui.expectNotification('nothing you do there touches Azure');
      await ui.expectTreeRow('Sandbox');
      await ui.screenshot('02-sandbox-opened');
    },
  },
];
