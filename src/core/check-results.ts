/**
 * A lab's result as the learner and the instructor see it: one entry per check of lab.json,
 * passed or not, the points earned and the reason in one plain line, read off the grader file's
 * tests as Vitest reports them.
 */
import type { TestModule } from 'vitest/node';
import type { Lab } from './labs.ts';
import type { CheckOutcome } from './progress.ts';
import { kitMessage } from './grader/messages.ts';
import { mapTexts, textsOf, type Message, type Texts } from './i18n/texts.ts';

/** One check's result, with how long its test took. */
export interface CheckResult extends CheckOutcome {
  /** The title in every language. */
  titles: Texts;
  texts: Texts;
  durationMs: number;
}

/** A whole lab's result. */
export interface LabResult {
  labId: string;
  /** The title in English, a stable label. */
  title: string;
  titles: Texts;
  checks: CheckResult[];
  score: number;
  maxScore: number;
  seed: number;
  durationMs: number;
}

/** A test failure as Vitest reports it: a message, for assertions the values compared, and for a grader's own failures the message in every language. */
export interface FailureLike {
  message?: string;
  expected?: string;
  actual?: string;
  texts?: Texts;
}

function oneLine(value: string): string {
  return value.replace(/^(Object|Array) /gm, '').replace(/\s*\n\s*/g, ' ').replace(/,(\s*[}\]])/g, '$1').trim();
}

function clip(text: string): string {
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

/** Shortens a test failure to one plain line for the checklist, in every language: "what: expected X, got Y" where it can. */
export function plainReason(failure: FailureLike | Message | string | undefined): Texts {
  if (typeof failure === 'object' && 'id' in failure && 'texts' in failure) return mapTexts(failure.texts, clip);
  const error = typeof failure === 'string' ? { message: failure } : ((failure ?? {}) as FailureLike);
  if (error.texts && typeof error.texts.en === 'string' && typeof error.texts['zh-cn'] === 'string') return mapTexts(error.texts, (text) => clip(firstLine(text)));
  const message = error.message ?? 'failed';
  const label = /^(.+?): expected /.exec(message.replace(/\u001b\[[0-9;]*m/g, ''))?.[1];
  if (label && error.expected !== undefined && error.actual !== undefined) {
    return mapTexts(kitMessage('expectedGot', { label, expected: oneLine(error.expected), got: oneLine(error.actual) }).texts, clip);
  }
  return mapTexts(textsOf(firstLine(message.replace(/ \/\/ Object\.is equality/g, '')) || 'failed'), clip);
}

function firstLine(message: string): string {
  return message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}

/** How one test of a grader file ended, as any runner reports it (Vitest in Node, the page's own runner). */
export interface TestOutcome {
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors?: unknown[];
  durationMs?: number;
}

/** A grader file's run: each test's outcome by name, an error that stopped the file, and how long it took. */
export interface GraderRun {
  tests: Map<string, TestOutcome>;
  fileError?: unknown;
  durationMs?: number;
}

/**
 * The result of `lab` from its grader file's run (undefined when the file never ran). A check
 * whose test is missing or did not run fails with why; `fallbackMs` is the duration when the
 * runner measured none.
 */
export function labResultFromRun(lab: Lab, run: GraderRun | undefined, seed: number, fallbackMs = 0): LabResult {
  if (!run) return failedLab(lab, kitMessage('graderDidNotRun'), seed, fallbackMs);
  const checks: CheckResult[] = lab.definition.checks.map((check) => {
    const outcome = run.tests.get(check.id);
    const passed = outcome?.state === 'passed';
    const reason = passed
      ? kitMessage('passed').texts
      : plainReason((outcome?.errors?.[0] as FailureLike | undefined) ?? (run.fileError as FailureLike | undefined) ?? (outcome ? kitMessage('didNotRun') : kitMessage('noTestNamed', { id: check.id })));
    return { id: check.id, title: check.title.en, titles: check.title, passed, points: passed ? check.points : 0, maxPoints: check.points, message: reason.en, texts: reason, durationMs: outcome?.durationMs ?? 0 };
  });
  return {
    labId: lab.id,
    title: lab.definition.title.en,
    titles: lab.definition.title,
    checks,
    score: checks.reduce((sum, check) => sum + check.points, 0),
    maxScore: checks.reduce((sum, check) => sum + check.maxPoints, 0),
    seed,
    durationMs: run.durationMs ?? fallbackMs,
  };
}

/** The result of `lab` from its grader file's tests as Vitest reports them (`module`: undefined when the file never ran). */
export function labResultOf(lab: Lab, module: TestModule | undefined, seed: number, fallbackMs = 0): LabResult {
  if (!module) return labResultFromRun(lab, undefined, seed, fallbackMs);
  const tests = new Map([...module.children.allTests()].map((test): [string, TestOutcome] => {
    const outcome = test.result();
    return [test.name, { state: outcome.state, errors: outcome.errors ? [...outcome.errors] : undefined, durationMs: test.diagnostic()?.duration }];
  }));
  return labResultFromRun(lab, { tests, fileError: module.errors()[0], durationMs: module.diagnostic().duration }, seed, fallbackMs);
}

/** The result of a lab none of whose checks could run (no grader run, no lab folder): each fails with `reason`. */
export function failedLab(lab: Lab, reason: Message | string, seed: number, durationMs = 0): LabResult {
  const texts = textsOf(reason);
  const checks = lab.definition.checks.map((check) => ({ id: check.id, title: check.title.en, titles: check.title, passed: false, points: 0, maxPoints: check.points, message: texts.en, texts, durationMs: 0 }));
  return { labId: lab.id, title: lab.definition.title.en, titles: lab.definition.title, checks, score: 0, maxScore: checks.reduce((sum, check) => sum + check.maxPoints, 0), seed, durationMs };
}
