'use strict';
// Prints the closing line every test stage ends with: "<stage>: N passed, N failed".
function summaryLine(stage, passed, failed, skipped) {
  return `${stage}: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
}
module.exports = { summaryLine };
