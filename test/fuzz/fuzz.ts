// `npm run fuzz`: a deterministic mutation fuzzer for the lint engine. Seeds are the shared corpus
// (../shared/corpus, when present) and the test fixtures; each input is one seed with one to three
// mutations (inserted tokens, deletions, truncations, duplicated spans, deep nesting, odd code
// points), chosen by a PRNG from the run's seed and the input's index. Each input is linted with the
// editor's time budget in a worker thread. Failures are internal errors and hangs (no answer long
// after the budget); inputs the budget stopped are reported, as are the slowest inputs.
//
//   npm run fuzz -- [--count 2000] [--seed 1] [--budget-ms 500] [--jobs 1] [--slowest 10]
//   npm run fuzz -- --seed 1 --only 1234 --save mutant.bicep     # reproduce one input
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzInput, FuzzOutcome } from './fuzz-worker';
import { mutate, Random } from './mutate';
import { sharedCorpusFiles, type SharedCorpusFile } from '../bench/support/shared-corpus';

interface Options {
  readonly count: number;
  readonly seed: number;
  readonly budgetMs: number;
  readonly jobs: number;
  readonly slowest: number;
  readonly only?: number;
  readonly save?: string;
}

interface Seed {
  readonly file: string;
  readonly text: string;
  /** Where it came from, for the report. */
  readonly label: string;
}

interface Record_ {
  readonly input: FuzzInput;
  readonly seed: Seed;
  readonly steps: readonly string[];
  outcome?: FuzzOutcome;
  hang?: boolean;
}

const root = process.cwd();

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number): number => {
    const v = value(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, got ${v}`);
    return n;
  };
  const only = value('only');
  return {
    count: num('count', 2000),
    seed: num('seed', 1),
    budgetMs: num('budget-ms', 500),
    jobs: Math.max(1, num('jobs', 1)),
    slowest: num('slowest', 10),
    ...(only !== undefined ? { only: Number(only) } : {}),
    ...(value('save') !== undefined ? { save: value('save') } : {}),
  };
}

/** Corpus files from its manifest, then every template fixture; sorted, so every run sees the same list. */
function loadSeeds(): { seeds: Seed[]; corpus: number; fixtures: number } {
  const seeds: Seed[] = [];
  let corpus = 0;
  const byPath = (a: SharedCorpusFile, b: SharedCorpusFile): number =>
    a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0;
  for (const { file, relative } of sharedCorpusFiles(root).sort(byPath)) {
    seeds.push({ file, text: fs.readFileSync(file, 'utf8'), label: `corpus/${relative}` });
    corpus++;
  }
  const fixtureDir = path.join(root, 'test', 'fixtures');
  const fixtures = listFiles(fixtureDir)
    .filter((f) => /\.(json|jsonc|bicep|bicepparam)$/i.test(f))
    .sort();
  for (const file of fixtures) {
    seeds.push({
      file,
      text: fs.readFileSync(file, 'utf8'),
      label: path.relative(root, file).split(path.sep).join('/'),
    });
  }
  return { seeds, corpus, fixtures: fixtures.length };
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** Input `index` of run `seed`: independent of the others, so one input can be reproduced alone. */
function makeInput(index: number, opts: Options, seeds: readonly Seed[]): Record_ {
  const rng = new Random(Math.imul(opts.seed + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const seed = seeds[rng.int(seeds.length)]!;
  const { text, steps } = mutate(seed.text, rng);
  return { input: { index, file: seed.file, text, budgetMs: opts.budgetMs }, seed, steps };
}

/** No answer this long after the budget means the analysis hangs. */
function hangAfterMs(input: FuzzInput): number {
  const allowed = input.budgetMs * Math.max(1, input.text.length / (32 * 1024));
  return Math.max(10_000, 10 * allowed);
}

/** Runs the inputs on `jobs` worker threads; a worker that hangs is replaced. */
async function runAll(records: Record_[], jobs: number): Promise<void> {
  const workerFile = path.join(__dirname, 'fuzz-worker.js');
  let next = 0;
  let done = 0;
  const total = records.length;
  const started = Date.now();
  const progress = (): void => {
    if (process.stdout.isTTY)
      process.stdout.write(`\r  ${done}/${total} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  await Promise.all(
    Array.from({ length: Math.min(jobs, total) }, async () => {
      let current: { worker: Worker; answer?: (o: FuzzOutcome | Error) => void } | undefined;
      const start = (): NonNullable<typeof current> => {
        const slot: NonNullable<typeof current> = { worker: new Worker(workerFile) };
        slot.worker.on('message', (o: FuzzOutcome) => slot.answer?.(o));
        slot.worker.on('error', (e) => slot.answer?.(e));
        slot.worker.on('exit', (code) => slot.answer?.(new Error(`the worker exited with code ${code}`)));
        return slot;
      };
      while (next < total) {
        const record = records[next++]!;
        const slot = (current ??= start());
        const outcome = await new Promise<FuzzOutcome | 'hang' | Error>((resolve) => {
          const timer = setTimeout(() => resolve('hang'), hangAfterMs(record.input));
          slot.answer = (o) => {
            clearTimeout(timer);
            slot.answer = undefined;
            resolve(o);
          };
          slot.worker.postMessage(record.input);
        });
        if (outcome === 'hang' || outcome instanceof Error) {
          slot.answer = undefined;
          slot.worker.removeAllListeners();
          await slot.worker.terminate();
          current = undefined;
          if (outcome === 'hang') record.hang = true;
          else
            record.outcome = {
              index: record.input.index,
              ms: 0,
              allowedMs: 0,
              stopped: false,
              internalError: outcome.message,
            };
        } else record.outcome = outcome;
        done++;
        if (process.env.ADE_FUZZ_VERBOSE) console.log(describe(record));
        if (done % 50 === 0) progress();
      }
      if (current) {
        current.worker.removeAllListeners();
        await current.worker.terminate();
      }
    }),
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
}

function describe(r: Record_): string {
  const o = r.outcome;
  const time = r.hang ? 'hang' : `${o!.ms.toFixed(0)} ms${o!.stopped ? ` (stopped, allowed ${o!.allowedMs} ms)` : ''}`;
  const ext = path.extname(r.seed.file);
  return `#${r.input.index} ${time}, ${r.input.text.length} chars from ${r.seed.label} (${ext}): ${r.steps.join('; ')}`;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const { seeds, corpus, fixtures } = loadSeeds();
  if (seeds.length === 0) throw new Error('no seed files: run from the repository root');
  if (corpus === 0) console.log('fuzz: ../shared/corpus not found; using the test fixtures only');

  if (opts.only !== undefined) {
    const r = makeInput(opts.only, opts, seeds);
    if (opts.save) {
      const out = opts.save.includes('.') ? opts.save : `${opts.save}${path.extname(r.seed.file)}`;
      fs.writeFileSync(out, r.input.text);
      console.log(`fuzz: input #${opts.only} written to ${out}`);
    }
    await runAll([r], 1);
    console.log(describe(r));
    if (r.outcome?.internalError) console.log(r.outcome.internalError);
    const failed = r.hang || r.outcome?.internalError ? 1 : 0;
    console.log(`fuzz: ${1 - failed} passed, ${failed} failed`);
    process.exitCode = failed;
    return;
  }

  console.log(
    `fuzz: seed ${opts.seed}, ${opts.count} inputs from ${corpus} corpus files and ${fixtures} fixtures, ` +
      `budget ${opts.budgetMs} ms per 32 KB, ${opts.jobs} worker${opts.jobs === 1 ? '' : 's'}`,
  );
  const t0 = Date.now();
  const records = Array.from({ length: opts.count }, (_, i) => makeInput(i, opts, seeds));
  await runAll(records, opts.jobs);

  const internal = records.filter((r) => r.outcome?.internalError);
  const hangs = records.filter((r) => r.hang);
  const stopped = records.filter((r) => r.outcome?.stopped);
  const finished = records.filter((r) => r.outcome && !r.outcome.internalError);
  const slowest = [...finished].sort((a, b) => b.outcome!.ms - a.outcome!.ms).slice(0, opts.slowest);
  const unstopped = finished.filter((r) => !r.outcome!.stopped && r.outcome!.ms > r.outcome!.allowedMs);

  console.log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  internal errors: ${internal.length}`);
  for (const r of internal.slice(0, 20))
    console.log(`    ${describe(r)}\n      ${r.outcome!.internalError!.split('\n')[0]}`);
  console.log(`  hangs (no answer long after the budget): ${hangs.length}`);
  for (const r of hangs.slice(0, 20)) console.log(`    ${describe(r)}`);
  const overrun = stopped.reduce((m, r) => Math.max(m, r.outcome!.ms - r.outcome!.allowedMs), 0);
  console.log(
    `  stopped by the budget (a "too complex" notice): ${stopped.length}` +
      (stopped.length ? `, at most ${overrun.toFixed(0)} ms past their allowance` : ''),
  );
  for (const r of stopped.slice(0, 20)) console.log(`    ${describe(r)}`);
  console.log(`  over the allowance without being stopped (parts the budget does not cover): ${unstopped.length}`);
  for (const r of unstopped.slice(0, 10)) console.log(`    ${describe(r)}`);
  console.log(`  slowest inputs:`);
  for (const r of slowest) console.log(`    ${describe(r)}`);
  console.log(`  reproduce one: npm run fuzz -- --seed ${opts.seed} --only <index> --save mutant`);
  const failed = internal.length + hangs.length;
  console.log(`fuzz: ${records.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  console.log('fuzz: 0 passed, 1 failed');
  process.exitCode = 1;
});
