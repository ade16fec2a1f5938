// Benchmarks of the lint engine, printed as a table (no pass/fail: timings depend on the machine).
//   1. lint time vs parse-only time on the shared corpus and on a generated 1 MB template
//      (goal: lint ≤ 2 × parse, i.e. the rules cost no more than parsing);
//   2. p95 re-lint time of the 1 MB template after an edit, the editor's incremental path
//      (goal: ≤ 50 ms), next to a full parse + lint of the same edits.
// Run with `npm run bench`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedCorpusFiles } from './support/shared-corpus';
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
  return sharedCorpusFiles().map(({ file }) => ({ file, text: fs.readFileSync(file, 'utf8') }));
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

/** A Bicep file of about `bytes` size: the same groups as `generateTemplate`, in Bicep. */
export function generateBicep(bytes: number): string {
  const head = ["param location string = 'westeurope'", 'param purge bool = false', "var kekName = 'kek'", ''].join(
    '\n',
  );
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const group = `
resource kv${i} 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv${i}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enabledForDiskEncryption: ${i % 3 !== 0}
    enablePurgeProtection: purge
    softDeleteRetentionInDays: 90
    networkAcls: {
      defaultAction: '${i % 2 ? 'Deny' : 'Allow'}'
      bypass: 'AzureServices'
    }
  }

  resource key 'keys' = {
    name: kekName
    properties: {
      kty: 'RSA'
      keySize: ${i % 4 ? 4096 : 1024}
    }
  }
}

resource vm${i} 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm${i}'
  location: location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    storageProfile: {
      imageReference: {
        publisher: 'Canonical'
        offer: 'ubuntu'
        sku: '22_04-lts-gen2'
        version: 'latest'
      }
      osDisk: {
        createOption: 'FromImage'
        managedDisk: {
          storageAccountType: 'Premium_LRS'
        }
      }
      dataDisks: [
        {
          lun: 0
          createOption: 'Empty'
          diskSizeGB: 128
        }
      ]
    }
    securityProfile: {
      encryptionAtHost: false
    }
  }
}

resource ade${i} 'Microsoft.Compute/virtualMachines/extensions@2024-07-01' = {
  parent: vm${i}
  name: 'AzureDiskEncryptionForLinux'
  location: location
  properties: {
    publisher: 'Microsoft.Azure.Security'
    type: 'AzureDiskEncryptionForLinux'
    typeHandlerVersion: '1.1'
    settings: {
      EncryptionOperation: 'EnableEncryption'
      KeyVaultURL: kv${i}.properties.vaultUri
      KeyVaultResourceId: kv${i}.id
      KeyEncryptionKeyURL: kv${i}::key.properties.keyUriWithVersion
      KekVaultResourceId: kv${i}.id
      KeyEncryptionAlgorithm: 'RSA-OAEP'
      VolumeType: '${i % 5 ? 'All' : 'Data'}'
    }
  }
}
`;
    parts.push(group);
    size += group.length;
  }
  return parts.join('');
}

/** Re-lint times after one edit each (a value in the n-th vault), incremental and full. */
async function relintBench(
  file: string,
  text: string,
  site: RegExp,
  replacement: (i: number) => string,
): Promise<{ full: number[]; incremental: number[]; relinted: number; resources: number; findings: number }> {
  const sites = [...text.matchAll(site)].map((m) => ({ at: m.index, length: m[0].length }));
  const edits: string[] = [];
  for (let i = 0; i < 40; i++) {
    const s = sites[Math.floor(((i * 7919) % 40) * (sites.length / 40))]!;
    edits.push(text.slice(0, s.at) + replacement(i) + text.slice(s.at + s.length));
  }
  const full = await relintTimes(edits, async (t) => {
    const model = await parse(file, t);
    if (model) lintModel(model, { rules: builtInRules });
  });
  const linter = new IncrementalLinter(file, opts);
  let relinted = 0;
  const incremental = await relintTimes(
    edits,
    async (t) => {
      relinted += (await linter.lint(t)).relinted;
    },
    () => linter.lint(text),
  );
  linter.dispose();
  const model = (await parse(file, text))!;
  const findings = lintModel(model, { rules: builtInRules }).findings.length;
  return { full, incremental, relinted: relinted / incremental.length, resources: model.resources.length, findings };
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
/** Size of the generated Bicep file (default 400 KB). */
const BICEP_KB = Number(process.env.ADE_BENCH_BICEP_KB ?? 400);

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
  const value = (i: number): string => (i % 3 === 0 ? '7' : i % 3 === 1 ? '30' : '100');
  const arm = await relintBench(
    big.file,
    big.text,
    /"softDeleteRetentionInDays": 90/g,
    (i) => `"softDeleteRetentionInDays": ${value(i)}`,
  );
  const bicepText = generateBicep(BICEP_KB * 1024);
  const bicepSize = `${(bicepText.length / 1024).toFixed(0)} KB`;
  const bicep = await relintBench(
    path.join(process.cwd(), 'generated.bicep'),
    bicepText,
    /softDeleteRetentionInDays: 90/g,
    (i) => `softDeleteRetentionInDays: ${value(i)}`,
  );

  console.log('\nade-lint engine benchmark');
  console.log(table([['input', 'parse-only', 'parse + rules', 'ratio', 'goal'], ...rows]));
  const relintRows = (name: string, r: typeof arm): string[][] => [
    [`${name}: incremental (the editor)`, ms(median(r.incremental)), ms(percentile(r.incremental, 95)), '≤ 50 ms p95'],
    [`${name}: full parse + rules`, ms(median(r.full)), ms(percentile(r.full, 95)), ''],
    [
      `${name}: ratio full / incremental`,
      ratio(median(r.full) / median(r.incremental)),
      ratio(percentile(r.full, 95) / percentile(r.incremental, 95)),
      '',
    ],
  ];
  console.log(
    table([
      [`re-lint after one edit (${arm.incremental.length} edits each)`, 'median', 'p95', 'goal'],
      ...relintRows(`ARM ${size}`, arm),
      ...relintRows(`Bicep ${bicepSize}`, bicep),
    ]),
  );
  for (const [name, r] of [
    [`ARM ${size}`, arm],
    [`Bicep ${bicepSize}`, bicep],
  ] as const) {
    console.log(
      `(${name}: rules re-ran on ${r.relinted.toFixed(1)} resources per edit on average; ` +
        `${r.resources} resources, ${r.findings} findings)`,
    );
  }
  console.log(`(ADE_BENCH_KB, ADE_BENCH_BICEP_KB, ADE_BENCH_BUDGET_MS: sizes and time budget per measurement)\n`);
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
