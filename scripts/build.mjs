// Bundles the extension, the CLI, the lazily loaded Azure layer and sandbox, and (with --tests)
// every test file. Usage: node scripts/build.mjs [--watch] [--production] [--tests] [--quiet]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const production = args.has('--production');
const withTests = args.has('--tests');
const quiet = args.has('--quiet');
const dist = path.join(root, 'dist');

/**
 * `#lazy/<name>` imports stay out of the main bundle and load `./<name>.js` at run time, so
 * activation does not pay for the Azure SDKs (the same trick keeps the sandbox out of the
 * extension until sandbox mode is used).
 */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^#lazy\// }, (a) => ({ path: `./${a.path.slice('#lazy/'.length)}.js`, external: true }));
  },
};

/**
 * web-tree-sitter's ES module build locates itself through `import.meta.url`, which does not
 * exist in a CommonJS bundle: bundle its CommonJS build instead.
 */
const treeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
      path: path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs'),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: production,
  logLevel: quiet ? 'error' : 'warning',
  external: ['vscode'],
  // jsonc-parser's UMD build hides its requires from the bundler; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
  plugins: [lazyChunks, treeSitterCjs],
  // Optional native/browser-only modules some SDK dependencies probe for.
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/** Entry points that exist so far (the build works while layers are being added). */
const productEntries = [
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'src/azure/index.ts', out: 'azure' },
  { in: 'src/sandbox/index.ts', out: 'sandbox' },
  { in: 'src/sandbox/server-main.ts', out: 'sandbox-server' },
  { in: 'src/analysis/worker.ts', out: 'lint-worker' },
].filter((e) => existsSync(path.join(root, e.in)));

/** The Bicep grammar (committed, built by scripts/build-grammar.sh) and the tree-sitter runtime. */
function copyWasm() {
  mkdirSync(dist, { recursive: true });
  for (const src of [
    path.join(root, 'grammar', 'tree-sitter-bicep', 'tree-sitter-bicep.wasm'),
    path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
  ]) {
    if (existsSync(src)) copyFileSync(src, path.join(dist, path.basename(src)));
  }
}

function listTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) listTests(p, out);
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const contexts = [];
for (const e of productEntries) {
  contexts.push(
    await esbuild.context({
      ...common,
      entryPoints: [path.join(root, e.in)],
      outfile: path.join(dist, `${e.out}.js`),
      banner: e.banner ? { js: e.banner } : undefined,
    }),
  );
}

if (withTests) {
  // --clean drops bundles of tests that no longer exist (npm test uses it).
  if (args.has('--clean')) rmSync(path.join(root, 'out', 'test'), { recursive: true, force: true });
  // Unit tests, benchmarks and the fuzzer run in plain Node; integration suites run inside the extension host.
  // Dependencies stay external: they resolve from node_modules at run time.
  for (const kind of ['unit', 'integration', 'bench', 'fuzz']) {
    const files = listTests(path.join(root, 'test', kind));
    if (files.length === 0) continue;
    contexts.push(
      await esbuild.context({
        ...common,
        entryPoints: files,
        outbase: path.join(root, 'test'),
        outdir: path.join(root, 'out', 'test'),
        packages: 'external',
      }),
    );
  }
}

copyWasm();
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[build] watching for changes');
} else {
  const t0 = Date.now();
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (!quiet) console.log(`[build] ${contexts.length} bundles in ${Date.now() - t0} ms`);
}
