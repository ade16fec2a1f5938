// Entry point the extension host calls (extensionTestsPath): runs every bundled *.test.js
// suite next to this file with mocha and ends with the stage's summary line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function listSuites(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listSuites(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  const grep = process.env.ADE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of listSuites(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      console.log(`integration: ${passes} passed, ${failed} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
