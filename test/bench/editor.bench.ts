// Benchmarks of the editor's lint path through its worker threads (no pass/fail: timings depend on
// the machine):
//   1. p95 of a re-lint round trip after one edit of a 1 MB ARM template (text to the worker, the
//      incremental re-lint there, the result back), next to the engine alone in this thread;
//   2. the longest stall of this thread's event loop while a pathological Bicep file is analysed,
//      through the workers and in this thread (how the editor used to lint).
// Run with `npm run bench -- editor`.
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { analyzeFile, IncrementalLinter, nodeHost } from '../../src/analysis/engine';
import type { EditorSettings } from '../../src/analysis/editor/protocol';
import { LintWorkers } from '../../src/vscode/diagnostics/lintWorkers';

const workerFile = path.join(process.cwd(), 'dist', 'lint-worker.js');
const settings: EditorSettings = { rules: {}, budgetMs: 500 };
const EDITS = 40;

/** About `bytes` of ARM template: vaults and VMs with the ADE extension pointing at them. */
function template(bytes: number): string {
  const resources: unknown[] = [];
  for (let i = 0; JSON.stringify(resources, null, 2).length < bytes; i += 20) {
    for (let k = i; k < i + 20; k++) {
      resources.push(
        {
          type: 'Microsoft.KeyVault/vaults',
          apiVersion: '2023-07-01',
          name: `kv${k}`,
          location: 'westeurope',
          properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' } },
        },
        {
          type: 'Microsoft.Compute/virtualMachines/extensions',
          apiVersion: '2024-07-01',
          name: `vm${k}/AzureDiskEncryptionForLinux`,
          location: 'westeurope',
          properties: {
            publisher: 'Microsoft.Azure.Security',
            type: 'AzureDiskEncryptionForLinux',
            typeHandlerVersion: '1.1',
            settings: {
              EncryptionOperation: 'EnableEncryption',
              KeyVaultURL: `[reference(resourceId('Microsoft.KeyVault/vaults', 'kv${k}')).vaultUri]`,
              KeyVaultResourceId: `[resourceId('Microsoft.KeyVault/vaults', 'kv${k}')]`,
              VolumeType: 'Data',
            },
          },
        },
      );
    }
  }
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  return JSON.stringify({ $schema: schema, contentVersion: '1.0.0.0', resources }, null, 2);
}

/** `text` with the SKU of vault `kv<k>` changed: an edit inside one resource, as typing makes. */
function edited(text: string, k: number): string {
  const at = text.indexOf(`"name": "kv${k}"`);
  const loc = text.indexOf('"standard"', at);
  return `${text.slice(0, loc)}"premium"${text.slice(loc + '"standard"'.length)}`;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function timeEach(edits: readonly string[], lint: (text: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const text of edits) {
    const t0 = performance.now();
    await lint(text);
    times.push(performance.now() - t0);
  }
  return times;
}

/** The longest event-loop stall of this thread while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await work();
  // The delay of a blocked loop is recorded by the first timer after it: let one run.
  await new Promise((r) => setTimeout(r, 50));
  h.disable();
  return h.max / 1e6;
}

async function main(): Promise<void> {
  const file = '/virtual/big.json';
  const text = template(1024 * 1024);
  // Each text differs from the one before in one resource, so every re-lint can be incremental.
  const edits: string[] = [];
  for (let i = 0, t = text; i < EDITS; i++) edits.push((t = edited(t, i * 7)));

  const workers = new LintWorkers({ workerFile, readFile: (f) => nodeHost.readFile(f), maxWorkers: 2 });
  await workers.lint('doc:big', file, text, settings);
  const viaWorker = await timeEach(edits, (t) => workers.lint('doc:big', file, t, settings));
  const linter = new IncrementalLinter(file, { host: nodeHost });
  await linter.lint(text);
  const inThread = await timeEach(edits, (t) => linter.lint(t));

  const slow = '{"a":}'.repeat(6000);
  const slowFile = '/virtual/slow.bicep';
  const workerStall = await longestStall(() => workers.lint('doc:slow', slowFile, slow, settings));
  const threadStall = await longestStall(() => analyzeFile(slowFile, slow, { host: nodeHost, limit: settings }));
  workers.dispose();

  const row = (label: string, xs: number[]): string =>
    `${label.padEnd(44)}${percentile(xs, 50).toFixed(1).padStart(9)} ms${percentile(xs, 95).toFixed(1).padStart(9)} ms`;
  console.log(`\neditor lint path (${(text.length / 1024 / 1024).toFixed(2)} MB ARM template, ${EDITS} edits)`);
  console.log(`${''.padEnd(44)}${'median'.padStart(12)}${'p95'.padStart(12)}`);
  console.log(row('re-lint round trip through the worker', viaWorker));
  console.log(row('the same re-lint in this thread (engine only)', inThread));
  console.log(`\nlongest stall of this thread while a 36 KB pathological Bicep file is analysed (budget 500 ms):`);
  console.log(
    `  linted by the workers: ${workerStall.toFixed(0)} ms; linted in this thread: ${threadStall.toFixed(0)} ms\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
