// Deterministic mutations of template text for `npm run fuzz`: the same seed gives the same inputs
// on every machine, so a failure is reproduced by its seed and index alone.

/** A small, fast PRNG (mulberry32): 32-bit state, good enough spread for picking mutations. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** Tokens of both languages, and the pieces that open and close their constructs. */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  "'",
  '"',
  ':',
  ',',
  '=',
  '?',
  '!',
  '.',
  '..',
  '...',
  '@',
  '::',
  '=>',
  '\n',
  ' ',
  '//',
  '/*',
  '*/',
  "'''",
  '${',
  '"[',
  ']"',
  '[[',
  "[concat('a', ",
  "[parameters('",
  "[variables('x')]",
  "[resourceId('Microsoft.KeyVault/vaults', ",
  '[copyIndex()]',
  'resource ',
  'param ',
  'var ',
  'module ',
  'output ',
  'existing',
  'if ',
  'for ',
  ' in ',
  'true',
  'false',
  'null',
  '0',
  '-1',
  '1e309',
  '9007199254740993',
  'x',
  'kv',
  "'Microsoft.KeyVault/vaults@2023-07-01'",
  "'Microsoft.Compute/virtualMachines/extensions@2024-07-01'",
  '"$schema"',
  '"resources"',
  '"copy"',
  '"count"',
  '"type"',
  '"name"',
  '"properties"',
  '"dependsOn"',
  'AzureDiskEncryption',
  'KeyVaultURL',
  'KeyEncryptionKeyURL',
  'VolumeType',
  'enabledForDiskEncryption',
  "import * as x from 'x.bicep'",
  'func f() string => ',
  'type t = ',
  'extension ',
  'using ',
] as const;

/** Code points that trip up offset arithmetic, encodings and line counting. */
const ODD_CODE_POINTS = [
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\uD800',
  '\uDFFF',
  '\u{1F600}',
  '\u202E',
  '\u0301',
  '\r',
  '\r\n',
  '\t',
  '\u00A0',
  '\u200B',
  '\uFFFF',
  '\u{10FFFF}',
  '\u0085',
  '\\',
  '\\u',
  '\\u12',
] as const;

/** Openers repeated to build deep (often unclosed) nesting, with their closers. */
const NESTING = [
  ['{"a":', '}'],
  ['[', ']'],
  ['(', ')'],
  ['{ a: ', ' }'],
  ["'${", "}'"],
  ['[concat(', ')]'],
  ['{"a":}', ''],
] as const;

export type MutationKind = 'insert-token' | 'delete' | 'truncate' | 'duplicate' | 'nest' | 'odd-code-point';
export const MUTATION_KINDS: readonly MutationKind[] = [
  'insert-token',
  'delete',
  'truncate',
  'duplicate',
  'nest',
  'odd-code-point',
];

export interface Mutant {
  readonly text: string;
  /** What was done, for the report ("duplicate 120 chars x7 at 3310; delete 15 at 80"). */
  readonly steps: readonly string[];
}

/** Applies one to three mutations, chosen by `rng`, to `text`. */
export function mutate(text: string, rng: Random): Mutant {
  const steps: string[] = [];
  let out = text;
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) {
    const kind = rng.pick(MUTATION_KINDS);
    const r = apply(kind, out, rng);
    out = r.text;
    steps.push(r.step);
  }
  return { text: out, steps };
}

export function apply(kind: MutationKind, text: string, rng: Random): { text: string; step: string } {
  const at = rng.int(text.length + 1);
  const splice = (insert: string, removed = 0): string => text.slice(0, at) + insert + text.slice(at + removed);
  switch (kind) {
    case 'insert-token': {
      const n = 1 + rng.int(3);
      const tokens = Array.from({ length: n }, () => rng.pick(TOKENS)).join('');
      return { text: splice(tokens), step: `insert ${JSON.stringify(tokens)} at ${at}` };
    }
    case 'delete': {
      const len = 1 + rng.int(rng.next() < 0.8 ? 20 : 2000);
      return { text: splice('', len), step: `delete ${len} at ${at}` };
    }
    case 'truncate':
      return { text: text.slice(0, at), step: `truncate at ${at}` };
    case 'duplicate': {
      const from = rng.int(text.length + 1);
      const span = text.slice(from, from + 1 + rng.int(rng.next() < 0.7 ? 200 : 3000));
      const times = 1 + (rng.next() < 0.2 ? rng.int(60) : rng.int(3));
      return {
        text: splice(span.repeat(times)),
        step: `duplicate ${span.length} chars x${times} at ${at}`,
      };
    }
    case 'nest': {
      const [open, close] = rng.pick(NESTING);
      const depth = 10 + rng.int(rng.next() < 0.3 ? 5000 : 300);
      const closed = rng.next() < 0.5;
      const inner = open.repeat(depth) + (closed ? '1' + close.repeat(depth) : '');
      return { text: splice(inner), step: `nest ${JSON.stringify(open)} x${depth}${closed ? ' closed' : ''} at ${at}` };
    }
    case 'odd-code-point': {
      const c = rng.pick(ODD_CODE_POINTS);
      const times = 1 + rng.int(4);
      return { text: splice(c.repeat(times)), step: `insert U+${codePoints(c)} x${times} at ${at}` };
    }
  }
}

function codePoints(s: string): string {
  return [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' U+');
}
