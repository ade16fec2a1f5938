// The incremental re-lint (the editor's path) must give exactly what a full lint gives for the
// same text. Every ARM JSON template among the fixtures and the shared corpus, and a generated
// template, is edited many times (values flipped, names changed, characters typed and deleted,
// syntax broken and mended); after each edit both results are compared.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, IncrementalLinter, nodeHost, type LintResult } from '../../../src/analysis/engine';
import { detectArmFileKind } from '../../../src/analysis/arm';
import { generateBicep, generateTemplate } from '../../bench/lint.bench';

const opts = { host: nodeHost };

function armTemplates(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return armTemplates(p);
    if (!e.name.endsWith('.json')) return [];
    return detectArmFileKind(fs.readFileSync(p, 'utf8')) === 'armTemplate' ? [p] : [];
  });
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Edit = (text: string, rnd: () => number) => string;

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** Replaces one random match of `re` in the text. */
function replaceOne(text: string, re: RegExp, make: (m: string) => string, rnd: () => number): string {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return text;
  const m = pick(matches, rnd);
  return text.slice(0, m.index) + make(m[0]) + text.slice(m.index! + m[0].length);
}

const EDITS: readonly Edit[] = [
  // Values users change: booleans, numbers, enum strings, regions, names, versions.
  (t, r) => replaceOne(t, /\b(true|false)\b/g, (m) => (m === 'true' ? 'false' : 'true'), r),
  (t, r) => replaceOne(t, /: (\d+)/g, (m) => `: ${Number(m.slice(2)) === 4096 ? 1024 : Number(m.slice(2)) + 1}`, r),
  (t, r) =>
    replaceOne(
      t,
      /"(Deny|Allow|All|OS|Data|Enabled|Disabled|RSA|RSA-HSM|standard|premium)"/g,
      () => `"${pick(['Deny', 'Allow', 'All', 'OS', 'Data', 'Disabled', 'RSA-HSM', 'premium'], r)}"`,
      r,
    ),
  (t, r) =>
    replaceOne(
      t,
      /"(westeurope|eastus|northeurope|\[parameters\('location'\)\])"/g,
      () => `"${pick(['westeurope', 'eastus'], r)}"`,
      r,
    ),
  (t, r) => replaceOne(t, /"name": "([^"[\]]{1,40})"/g, (m) => m.replace(/"\s*$/, 'x"'), r),
  (t, r) =>
    replaceOne(
      t,
      /"typeHandlerVersion": "[^"]*"/g,
      () => `"typeHandlerVersion": "${pick(['1.1', '2.2', '0.1'], r)}"`,
      r,
    ),
  (t, r) =>
    replaceOne(
      t,
      /"(KeyVaultURL|KekVaultResourceId|KeyEncryptionKeyURL|VolumeType|EncryptionOperation)"/g,
      (m) => m.toLowerCase(),
      r,
    ),
  // Typing and deleting anywhere, lines added and removed (may break the syntax and mend it).
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + pick(['a', '1', ' ', '\n', '"', ',', '{', '}', '  '], r) + t.slice(at);
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + t.slice(at + 1);
  },
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, `${' '.repeat(Math.floor(r() * 10))}"enablePurgeProtection": true,`);
    return lines.join('\n');
  },
  (t, r) =>
    replaceOne(
      t,
      /\/\/[^\n]*|"properties": \{/g,
      (m) => (m.startsWith('//') ? '' : `// ade-lint-disable-next-line kv-purge-protection -- test\n${m}`),
      r,
    ),
];

function normalise(r: LintResult): string {
  const issues = [...r.issues].map((i) => JSON.stringify(i)).sort();
  return JSON.stringify({ findings: r.findings, issues, kind: r.kind, skipped: r.skipped });
}

/** Edits of Bicep text, like those of JSON above. */
const BICEP_EDITS: readonly Edit[] = [
  (t, r) => replaceOne(t, /\b(true|false)\b/g, (m) => (m === 'true' ? 'false' : 'true'), r),
  (t, r) => replaceOne(t, /: (\d+)/g, (m) => `: ${Number(m.slice(2)) === 4096 ? 1024 : Number(m.slice(2)) + 1}`, r),
  (t, r) =>
    replaceOne(
      t,
      /'(Deny|Allow|All|OS|Data|Enabled|Disabled|RSA|RSA-HSM|standard|premium|westeurope|eastus)'/g,
      () => `'${pick(['Deny', 'Allow', 'All', 'OS', 'Data', 'Disabled', 'RSA-HSM', 'premium', 'eastus'], r)}'`,
      r,
    ),
  (t, r) => replaceOne(t, /name: '([^'\n]{1,40})'/g, (m) => m.replace(/'$/, "x'"), r),
  (t, r) =>
    replaceOne(t, /typeHandlerVersion: '[^'\n]*'/g, () => `typeHandlerVersion: '${pick(['1.1', '2.2', '0.1'], r)}'`, r),
  (t, r) =>
    replaceOne(
      t,
      /\b(KeyVaultURL|KekVaultResourceId|KeyEncryptionKeyURL|VolumeType|EncryptionOperation)\b/g,
      (m) => m.toLowerCase(),
      r,
    ),
  // A reference to another declaration added or removed.
  (t, r) => replaceOne(t, /: (location|purge|kekName)\b/g, () => `: '${pick(['westeurope', 'x'], r)}'`, r),
  (t, r) =>
    replaceOne(
      t,
      /\bkeySize: \d+|enablePurgeProtection: \w+/g,
      (m) => m.replace(/: .*/, `: ${pick(['purge', '4096', 'true'], r)}`),
      r,
    ),
  // Typing and deleting anywhere, lines added and removed (may break the syntax and mend it).
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + pick(['a', '1', ' ', '\n', "'", '.', '{', '}', '  ', ':'], r) + t.slice(at);
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + t.slice(at + 1);
  },
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, `${' '.repeat(Math.floor(r() * 6))}enablePurgeProtection: true`);
    return lines.join('\n');
  },
  (t, r) =>
    replaceOne(
      t,
      /\/\/[^\n]*|properties: \{/g,
      (m) => (m.startsWith('//') ? '' : `// ade-lint-disable-next-line kv-purge-protection -- test\n${m}`),
      r,
    ),
];

async function check(
  file: string,
  text: string,
  edits: number,
  seed: number,
  kinds: readonly Edit[] = EDITS,
): Promise<{ partial: number }> {
  const rnd = random(seed);
  const linter = new IncrementalLinter(file, opts);
  let partial = 0;
  let current = text;
  await linter.lint(current);
  for (let i = 0; i < edits; i++) {
    // Half the edits start from the original text again, so broken syntax does not pile up.
    const base = rnd() < 0.5 ? text : current;
    const next = pick(kinds, rnd)(base, rnd);
    const inc = await linter.lint(next);
    const full = await analyzeFile(file, next, opts);
    if (normalise(inc.result) !== normalise(full)) {
      assert.deepEqual(
        JSON.parse(normalise(inc.result)),
        JSON.parse(normalise(full)),
        `${file}: edit ${i} (seed ${seed})`,
      );
    }
    if (inc.model && inc.relinted < inc.model.resources.length) partial++;
    current = next;
  }
  return { partial };
}

describe('incremental re-lint equals a full lint', function () {
  this.timeout(120_000);
  const root = process.cwd();
  const files = [
    ...armTemplates(path.join(root, 'test', 'fixtures')),
    ...armTemplates(path.resolve(root, '..', 'shared', 'corpus')),
  ];

  it('finds the ARM templates to edit', () => {
    assert.ok(files.length >= 40, `only ${files.length} templates found`);
  });

  it('after 30 edits of each fixture and corpus template', async () => {
    let partial = 0;
    for (const [n, file] of files.entries()) {
      partial += (await check(file, fs.readFileSync(file, 'utf8'), 30, 1000 + n)).partial;
    }
    // The point of the path: most value edits re-lint only part of the file.
    assert.ok(partial > files.length * 5, `only ${partial} edits took the partial path`);
  });

  it('after 150 edits of a generated 150 KB template, most of them re-linting a few resources', async () => {
    const { partial } = await check(path.join(root, 'generated.json'), generateTemplate(150 * 1024), 150, 7);
    assert.ok(partial > 40, `only ${partial} of 150 edits took the partial path`);
  });

  it('reuses nothing when the rule settings change between lints', async () => {
    const text = generateTemplate(20 * 1024);
    const linter = new IncrementalLinter('gen.json', opts);
    await linter.lint(text);
    const off = await linter.lint(text, {
      ...(await import('../../../src/analysis/engine')).DEFAULT_CONFIG,
      rules: { 'kv-purge-protection': 'off' },
    });
    assert.equal(off.result.findings.filter((f) => f.ruleId === 'kv-purge-protection').length, 0);
    assert.equal(off.relinted, off.model!.resources.length);
  });
});

function bicepFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return bicepFiles(p);
    return e.name.endsWith('.bicep') ? [p] : [];
  });
}

describe('incremental Bicep re-lint equals a full lint', function () {
  this.timeout(300_000);
  const root = process.cwd();
  const corpus = path.resolve(root, '..', 'shared', 'corpus');
  // The corpus's checked-in sample (its MANIFEST); the 2,330-file copy of the registry is for speed runs.
  const files = [
    ...bicepFiles(path.join(root, 'test', 'fixtures')),
    ...bicepFiles(path.join(corpus, 'checkov')),
    ...bicepFiles(path.join(corpus, 'bicep-registry-modules')),
  ];

  it('finds the Bicep files to edit', () => {
    assert.ok(files.length >= 100, `only ${files.length} Bicep files found`);
  });

  it('after 12 edits of each fixture and corpus file', async () => {
    let partial = 0;
    for (const [n, file] of files.entries()) {
      partial += (await check(file, fs.readFileSync(file, 'utf8'), 12, 5000 + n, BICEP_EDITS)).partial;
    }
    assert.ok(partial > files.length, `only ${partial} edits took the partial path`);
  });

  it('after 100 edits of a generated 30 KB file, most of them re-linting a few resources', async () => {
    const { partial } = await check(path.join(root, 'generated.bicep'), generateBicep(30 * 1024), 100, 11, BICEP_EDITS);
    assert.ok(partial > 40, `only ${partial} of 100 edits took the partial path`);
  });
});
