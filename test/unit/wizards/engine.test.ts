import * as assert from 'node:assert/strict';
import { describeResult, executePlan, planChanges, type Plan } from '../../../src/vscode/wizards/engine/plan';
import { BACK, CANCEL, ScriptedPrompter } from '../../../src/vscode/wizards/engine/scriptedPrompter';
import { runPromptSteps, type PromptStep } from '../../../src/vscode/wizards/engine/wizard';
import { summaryItems } from '../../../src/vscode/wizards/shared/summary';

interface Ctx {
  a?: string;
  b?: string;
  c?: string;
  skipB?: boolean;
}

const steps: PromptStep<Ctx>[] = [
  {
    id: 'a',
    async prompt(ctx, p, pos) {
      ctx.a = await p.pick({
        title: 'A',
        items: [
          { label: 'one', value: '1' },
          { label: 'skip', value: 'skip' },
        ],
        position: pos,
      });
      ctx.skipB = ctx.a === 'skip';
    },
  },
  {
    id: 'b',
    shouldPrompt: (c) => !c.skipB,
    async prompt(ctx, p, pos) {
      ctx.b = await p.input({
        title: 'B',
        prompt: 'b',
        position: pos,
        validate: (v) => (v.length < 2 ? 'too short' : undefined),
      });
    },
  },
  {
    id: 'c',
    async prompt(ctx, p, pos) {
      ctx.c = await p.pick({
        title: 'C',
        items: [
          { label: 'off', value: 'off', disabledReason: 'not available here' },
          { label: 'on', value: 'on' },
        ],
        position: pos,
      });
    },
  },
];

describe('wizard engine', () => {
  it('counts steps, validates input as typed and refuses disabled items', async () => {
    const p = new ScriptedPrompter(['one', 'x', 'xy', 'off', 'on']);
    const run = await runPromptSteps(steps, {}, p);
    assert.deepEqual(run.context, { a: '1', skipB: false, b: 'xy', c: 'on' });
    assert.deepEqual(
      p.records.map((r) => r.position),
      [
        { step: 1, totalSteps: 3 },
        { step: 2, totalSteps: 3 },
        { step: 3, totalSteps: 3 },
      ],
    );
    assert.deepEqual(p.records[1]?.refusals, ['too short']);
    assert.deepEqual(p.records[2]?.refusals, ['not available here']);
  });

  it('recomputes the total when a step is skipped', async () => {
    const p = new ScriptedPrompter(['skip', 'on']);
    const run = await runPromptSteps(steps, {}, p);
    assert.equal(run.context?.b, undefined);
    assert.deepEqual(p.records[1]?.position, { step: 2, totalSteps: 2 });
  });

  it('Back restores the context as it was before the previous step', async () => {
    const p = new ScriptedPrompter(['one', 'ab', BACK, BACK, 'skip', 'on']);
    const run = await runPromptSteps(steps, {}, p);
    assert.deepEqual(run.context, { a: 'skip', skipB: true, c: 'on' });
    assert.deepEqual(run.answered, ['a', 'c']);
  });

  it('Back on the first step stays there; cancel ends quietly', async () => {
    const p = new ScriptedPrompter([BACK, 'one', CANCEL]);
    const run = await runPromptSteps(steps, {}, p);
    assert.equal(run.context, undefined);
  });
});

function plan(fail?: 'second'): Plan {
  return {
    title: 'Test plan',
    notes: ['note'],
    steps: [
      { title: 'first', changes: ['change 1'], run: async () => 'ok' },
      {
        title: 'second',
        changes: ['change 2'],
        run: async () => {
          if (fail) throw new Error('boom');
          return 'ok';
        },
      },
      { title: 'watch', changes: [], run: async () => 'watched' },
    ],
  };
}

const hooks = (signal = new AbortController().signal) => ({
  signal,
  describe: (e: unknown) => ({ message: e instanceof Error ? e.message : String(e), fix: 'Try again.' }),
  isAbort: (e: unknown) => e instanceof Error && e.name === 'AbortError',
});

describe('plan execution', () => {
  it('runs every step in order', async () => {
    const r = await executePlan(plan(), hooks());
    assert.equal(r.outcome, 'succeeded');
    assert.deepEqual(
      r.steps.map((s) => s.outcome),
      ['succeeded', 'succeeded', 'succeeded'],
    );
  });

  it('on failure says what was applied and what was not', async () => {
    const r = await executePlan(plan('second'), hooks());
    assert.equal(r.outcome, 'failed');
    assert.equal(r.error, 'boom Try again.');
    assert.equal(describeResult(r), 'Applied: first. Not applied: second; watch.');
  });

  it('stops quietly when cancelled before a step', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await executePlan(plan(), hooks(ac.signal));
    assert.equal(r.outcome, 'cancelled');
    assert.equal(describeResult(r), 'Nothing was applied. Not applied: first; second; watch.');
  });

  it('the summary lists exactly the plan’s changes, then read-only steps and notes', () => {
    const labels = summaryItems(plan(), true).map((i) => i.label.replace(/^\$\([^)]+\)\s*/, ''));
    assert.deepEqual(planChanges(plan()), ['change 1', 'change 2']);
    assert.deepEqual(labels, [
      'Apply',
      'Export as Bicep',
      'Export as ARM JSON',
      'Cancel',
      'What will change in Azure',
      '1. change 1',
      '2. change 2',
      'watch',
      'Please note',
      'note',
    ]);
  });
});
