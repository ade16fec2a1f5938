// Benchmarks of the lint engine, printed as a table (no pass/fail: timings depend on the machine).
//   1. lint time vs parse-only time on the shared corpus and on a generated 1 MB template
//      (goal: lint ≤ 2 × parse, i.e. the rules cost no more than parsing);
//   2. p95 re-lint time of the 1 MB template after an edit, the editor's incremental path
//      (goal: ≤ 50 ms), next to a full parse + lint of the same edits.
// Run with `npm run bench`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  builtInRules,
  IncrementalLinter,
  lintModel,
  loadModel,
  nodeHost,
  type AnalyzeOptions,
} from '../../src/analysis/engine';
import type { TemplateModel } from '../../src/analysis/model';

const opts: AnalyzeOptions = { host: nodeHost };

async function parse(file: string, text: string): Promise<TemplateModel | undefined> {
  const o = await loadModel(file, text, opts);
  return 'model' in o ? o.model : undefined;
}

function corpusFiles(): { file: string; text: string }[] {
  const dir = path.resolve(process.cwd(), '..', 'shared', 'corpus');
  const manifest = path.join(dir, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  return fs
    .readFileSync(manifest, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split('\t')[0])
    .filter((p): p is string => !!p && /\.(json|bicep)$/.test(p))
    .map((p) => path.join(dir, p))
    .filter((f) => fs.existsSync(f))
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** An ARM template of about `bytes` size: vaults with keys, VMs with ADE extensions, disks. */
export function generateTemplate(bytes: number): string {
  const parameters = {
    location: { type: 'string', defaultValue: 'westeurope' },
    purge: { type: 'bool', defaultValue: false },
  };
  const resources: unknown[] = [];
  // Size is tracked per group as printed at its depth in the output (4 more spaces a line).
  let size = 0;
  for (let i = 0; size < bytes - 2000; i++) {
    const kv = `kv${i}`;
    const group = [
      {
        type: 'Microsoft.KeyVault/vaults',
        apiVersion: '2023-07-01',
        name: kv,
        location: "[parameters('location')]",
        properties: {
          tenantId: '[subscription().tenantId]',
          sku: { family: 'A', name: 'standard' },
          enabledForDiskEncryption: i % 3 !== 0,
          enablePurgeProtection: "[parameters('purge')]",
          softDeleteRetentionInDays: 90,
          networkAcls: { defaultAction: i % 2 ? 'Deny' : 'Allow', bypass: 'AzureServices' },
        },
      },
      {
        type: 'Microsoft.KeyVault/vaults/keys',
        apiVersion: '2023-07-01',
        name: `[format('{0}/{1}', '${kv}', 'kek')]`,
        properties: { kty: 'RSA', keySize: i % 4 ? 4096 : 1024 },
        dependsOn: [`[resourceId('Microsoft.KeyVault/vaults', '${kv}')]`],
      },
      {
        type: 'Microsoft.Compute/virtualMachines',
        apiVersion: '2024-07-01',
        name: `vm${i}`,
        location: "[parameters('location')]",
        properties: {
          hardwareProfile: { vmSize: 'Standard_D2s_v5' },
          storageProfile: {
            imageReference: { publisher: 'Canonical', offer: 'ubuntu', sku: '22_04-lts-gen2', version: 'latest' },
            osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' } },
            dataDisks: [{ lun: 0, createOption: 'Empty', diskSizeGB: 128 }],
          },
          securityProfile: { encryptionAtHost: false },
        },
      },
      {
        type: 'Microsoft.Compute/virtualMachines/extensions',
        apiVersion: '2024-07-01',
        name: `[format('{0}/{1}', 'vm${i}', 'AzureDiskEncryptionForLinux')]`,
        location: "[parameters('location')]",
        properties: {
          publisher: 'Microsoft.Azure.Security',
          type: 'AzureDiskEncryptionForLinux',
          typeHandlerVersion: '1.1',
          settings: {
            EncryptionOperation: 'EnableEncryption',
            KeyVaultURL: `[reference(resourceId('Microsoft.KeyVault/vaults', '${kv}')).vaultUri]`,
            KeyVaultResourceId: `[resourceId('Microsoft.KeyVault/vaults', '${kv}')]`,
            KeyEncryptionKeyURL: `[reference(resourceId('Microsoft.KeyVault/vaults/keys', '${kv}', 'kek')).keyUriWithVersion]`,
            KekVaultResourceId: `[resourceId('Microsoft.KeyVault/vaults', '${kv}')]`,
            KeyEncryptionAlgorithm: 'RSA-OAEP',
            VolumeType: i % 5 ? 'All' : 'Data',
          },
        },
        dependsOn: [`[resourceId('Microsoft.Compute/virtualMachines', 'vm${i}')]`],
      },
    ];
    resources.push(...group);
    for (const r of group) {
      const text = JSON.stringify(r, null, 2);
      size += text.length + 4 * text.split('\n').length + 2;
    }
  }
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters,
      resources,
    },
    null,
    2,
  );
}

/**
 * Times `lint` on each edited text in turn (within the time budget). `reset` runs untimed before
 * each edit, so every edit is measured against the original text, as one keystroke is.
 */
async function relintTimes(
  edits: readonly string[],
  lint: (text: string) => Promise<void>,
  reset?: () => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  const start = performance.now();
  await reset?.();
  for (const text of edits) {
    if (times.length >= 2 && performance.now() - start > BUDGET_MS) break;
    const t0 = performance.now();
    await lint(text);
    times.push(performance.now() - t0);
    await reset?.();
  }
  return times;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Each measurement stops repeating after this long, so a slow machine still gets a report. */
const BUDGET_MS = Number(process.env.ADE_BENCH_BUDGET_MS ?? 60_000);
/** Size of the generated template (default 1 MB). */
const GENERATED_KB = Number(process.env.ADE_BENCH_KB ?? 1024);

/** Median over up to `runs` runs (within the time budget) of parse-only and parse+rules time. */
async function parseVsLint(
  files: { file: string; text: string }[],
  runs: number,
): Promise<{ parse: number; lint: number; runs: number }> {
  const parseTimes: number[] = [];
  const lintTimes: number[] = [];
  const start = performance.now();
  for (let r = 0; r < runs && (r === 0 || performance.now() - start < BUDGET_MS); r++) {
    let p = 0;
    let l = 0;
    for (const { file, text } of files) {
      const t0 = performance.now();
      const model = await parse(file, text);
      const t1 = performance.now();
      if (model) lintModel(model, { rules: builtInRules });
      const t2 = performance.now();
      p += t1 - t0;
      l += t2 - t0;
    }
    parseTimes.push(p);
    lintTimes.push(l);
  }
  return { parse: median(parseTimes), lint: median(lintTimes), runs: parseTimes.length };
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const corpus = corpusFiles();
  const big = { file: path.join(process.cwd(), 'generated.json'), text: generateTemplate(GENERATED_KB * 1024) };
  // Warm up: the Bicep grammar (WebAssembly) loads once per process; JIT settles.
  await parseVsLint(corpus.length > 0 ? corpus : [big], 1);

  if (corpus.length > 0) {
    const c = await parseVsLint(corpus, 5);
    rows.push([
      `corpus (${corpus.length} files, ${c.runs} runs)`,
      ms(c.parse),
      ms(c.lint),
      ratio(c.lint / c.parse),
      '≤ 2.00×',
    ]);
  } else rows.push(['corpus', 'missing', '', '', '']);
  const b = await parseVsLint([big], 7);
  const size = `${(big.text.length / 1024 / 1024).toFixed(2)} MB`;
  rows.push([`generated ${size} (${b.runs} runs)`, ms(b.parse), ms(b.lint), ratio(b.lint / b.parse), '≤ 2.00×']);

  // Re-lint after an edit, as the editor does on each change. Edits are spread over the file
  // (a value in the n-th vault), so some land early and move everything after them.
  const sites = [...big.text.matchAll(/"softDeleteRetentionInDays": 90/g)].map((m) => m.index);
  const edits: string[] = [];
  for (let i = 0; i < 40; i++) {
    const at = sites[Math.floor(((i * 7919) % 40) * (sites.length / 40))]!;
    const value = i % 3 === 0 ? '7' : i % 3 === 1 ? '30' : '100';
    edits.push(big.text.slice(0, at) + `"softDeleteRetentionInDays": ${value}` + big.text.slice(at + 31));
  }
  const fullTimes = await relintTimes(edits, async (text) => {
    const model = await parse(big.file, text);
    if (model) lintModel(model, { rules: builtInRules });
  });
  const linter = new IncrementalLinter(big.file, opts);
  let relinted = 0;
  const incrementalTimes = await relintTimes(
    edits,
    async (text) => {
      relinted += (await linter.lint(text)).relinted;
    },
    () => linter.lint(big.text),
  );
  const findings = (await parse(big.file, big.text))!;
  const count = lintModel(findings, { rules: builtInRules }).findings.length;

  console.log('\nade-lint engine benchmark');
  console.log(table([['input', 'parse-only', 'parse + rules', 'ratio', 'goal'], ...rows]));
  console.log(
    table([
      [`re-lint of the ${size} template after one edit (${incrementalTimes.length} edits)`, 'median', 'p95', 'goal'],
      ['incremental (the editor)', ms(median(incrementalTimes)), ms(percentile(incrementalTimes, 95)), '≤ 50 ms p95'],
      ['full parse + rules', ms(median(fullTimes)), ms(percentile(fullTimes, 95)), ''],
      [
        'ratio full / incremental',
        ratio(median(fullTimes) / median(incrementalTimes)),
        ratio(percentile(fullTimes, 95) / percentile(incrementalTimes, 95)),
        '',
      ],
    ]),
  );
  console.log(
    `(incremental: rules re-ran on ${(relinted / incrementalTimes.length).toFixed(1)} resources per edit on average)`,
  );
  console.log(`(${findings.resources.length} resources, ${count} findings in the generated template)`);
  console.log(`(ADE_BENCH_KB, ADE_BENCH_BUDGET_MS: template size and time budget per measurement)\n`);
}

function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}

function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

if (require.main === module && !process.env.NO_BENCH_MAIN) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
