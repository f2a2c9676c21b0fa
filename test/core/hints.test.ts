import { describe, expect, it } from 'vitest';
import { stuckLine } from '../../src/cli/checklist.ts';
import { fullHintSequence, hintSequence, hintState } from '../../src/core/hints.ts';
import type { LabDefinition } from '../../src/core/lab-schema.ts';
import { findLab } from '../../src/core/labs.ts';
import type { CheckOutcome, LabProgress } from '../../src/core/progress.ts';

const lab02 = findLab('02').definition;

/** A lab entry whose last run passed the given checks of `definition` and failed the others. */
function entry(definition: LabDefinition, passed: string[], hintsRevealed: string[] = []): LabProgress {
  const checks: CheckOutcome[] = definition.checks.map((check) => ({
    id: check.id, title: check.title.en, passed: passed.includes(check.id), points: passed.includes(check.id) ? check.points : 0, maxPoints: check.points, message: '',
  }));
  return { bestScore: 0, maxScore: 10, checksPassed: passed, hintsRevealed, lastRun: '2026-01-01T00:00:00.000Z', lastResult: { checks } };
}

function both(text: string) {
  return { en: text, 'zh-cn': `${text}（中文）` };
}

/** A small lab in which two checks share a hint. */
const shared = {
  ...lab02,
  checks: [
    { id: 'first', title: both('First'), points: 1, hints: ['a', 'common'] },
    { id: 'second', title: both('Second'), points: 1, hints: ['common', 'b'] },
    { id: 'third', title: both('Third'), points: 1, hints: [] },
  ],
  hints: { a: both('A'), common: both('Common'), b: both('B') },
} satisfies LabDefinition;

describe('hint sequences', () => {
  it('lists every hint in check order, and leaves out the checks the last run passed', () => {
    expect(fullHintSequence(lab02).map((step) => step.id)).toEqual([
      'create-function-input', 'return-the-arn', 'pending-state', 'active-waiter', 'conflict-means-exists', 'wait-between-updates', 'update-configuration', 'whole-environment',
    ]);
    expect(hintSequence(lab02, entry(lab02, ['creates-function'])).map((step) => step.id)).toEqual([
      'pending-state', 'active-waiter', 'conflict-means-exists', 'wait-between-updates', 'update-configuration', 'whole-environment',
    ]);
    expect(hintSequence(lab02, undefined)).toHaveLength(8);
  });

  it('gives the first hint not revealed among the failing checks, whatever passed in between', () => {
    const before = hintState(lab02, entry(lab02, [], []));
    expect(before).toMatchObject({ next: { id: 'create-function-input' }, relevantRevealed: 0 });
    expect(before.relevant).toHaveLength(8);
    // The first hint was shown, then the first check passed: the next is the second check's first.
    const after = hintState(lab02, entry(lab02, ['creates-function'], ['create-function-input']));
    expect(after.next?.id).toBe('pending-state');
    expect(after.relevantRevealed).toBe(0);
    expect(after.relevant).toHaveLength(6);
    expect(after.revealed).toEqual([expect.objectContaining({ id: 'create-function-input', checkTitle: expect.objectContaining({ en: 'Creates the function as described and returns its ARN' }) })]);
  });

  it('counts a hint revealed for a check that failed again, and lists revealed hints in the order shown', () => {
    const state = hintState(lab02, entry(lab02, [], ['pending-state', 'create-function-input']));
    expect(state.next?.id).toBe('return-the-arn');
    expect(state.relevantRevealed).toBe(2);
    expect(state.revealed.map((step) => step.id)).toEqual(['pending-state', 'create-function-input']);
  });

  it('ignores ids lab.json no longer has, and has no next hint once every relevant one is shown', () => {
    const state = hintState(lab02, entry(lab02, ['creates-function', 'active-on-return', 'updates-existing'], ['renamed-hint', 'update-configuration', 'whole-environment']));
    expect(state.revealed.map((step) => step.id)).toEqual(['update-configuration', 'whole-environment']);
    expect(state.next).toBeUndefined();
    expect(state.relevantRevealed).toBe(state.relevant.length);
  });

  it('counts a hint two checks share once, under the first failing check that has it', () => {
    expect(fullHintSequence(shared).map((step) => `${step.checkId}:${step.id}`)).toEqual(['first:a', 'first:common', 'second:b']);
    const state = hintState(shared, entry(shared, ['first'], ['common']));
    expect(state.relevant.map((step) => `${step.checkId}:${step.id}`)).toEqual(['second:common', 'second:b']);
    expect(state.revealed).toEqual([expect.objectContaining({ id: 'common', checkTitle: both('Second') })]);
    expect(state.next?.id).toBe('b');
  });
});

describe('the line under a failing checklist', () => {
  it('names the first failing check and offers a hint while it has one left', () => {
    const line = stuckLine('02', lab02, entry(lab02, ['creates-function'], ['create-function-input']));
    expect(line).toBe('  Stuck on "Returns only once the function is Active"? `npx workshop hint 02` reveals a hint.');
  });

  it('says when the first failing check has no hint left, and which check the next hint is for', () => {
    const line = stuckLine('02', lab02, entry(lab02, ['creates-function'], ['pending-state', 'active-waiter']));
    expect(line).toContain('Stuck on "Returns only once the function is Active"? No hint is left for it');
    expect(line).toContain('`npx workshop hint 02` reveals one for "Updates an existing function\'s code instead of failing"');
  });

  it('says every hint is shown when none is left, and says nothing when every check passed', () => {
    const all = fullHintSequence(lab02).map((step) => step.id);
    expect(stuckLine('02', lab02, entry(lab02, [], all))).toBe('  Stuck on "Creates the function as described and returns its ARN"? Every hint is shown: `npx workshop hint 02` lists them again.');
    expect(stuckLine('02', lab02, entry(lab02, lab02.checks.map((check) => check.id)))).toBeUndefined();
    expect(stuckLine('02', lab02, entry(lab02, [], all), 'zh-cn')).toBe('  卡在“按描述创建函数并返回其 ARN”了吗？所有提示都已显示：运行 `npx workshop hint 02` 可以再看一遍。');
  });

  it('says a failing check without hints has none', () => {
    expect(stuckLine('09', shared, entry(shared, ['first', 'second']))).toContain('Stuck on "Third"? It has no hints');
  });
});
