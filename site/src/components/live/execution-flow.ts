/**
 * The state machine part of the event-flow view: for each recent execution, a timeline of the
 * states it passed through (each with how it ended, its retries, and how often it was entered, as
 * a Map's iterations enter a state many times), then how the execution ended. Drawn from the
 * trace's `execution-step` entries.
 */
import { fill, formatTime, pluralIn } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { h, step } from './kit.ts';

/** The trace entry fields this part reads. */
export type ExecutionEntry = {
  seq: number; time: string; kind: string; outcome?: string; detail?: string;
  step?: { execution: string; state?: string; phase: 'started' | 'entered' | 'exited' | 'ended' };
};
/** The strings this part is drawn with. */
export type ExecutionStrings = Pick<Strings, 'executions'>;

/** One state of the timeline, in the order the execution first entered it. */
type StateRun = { name: string; entered: number; retried: number; outcome?: 'success' | 'failed'; error?: string };


/** `…failed with <error>` as the emulator writes it: the error, else the sentence as it came. */
const errorIn = (detail = '') => /failed with (.+)$/.exec(detail)?.[1] ?? /timed out with (.+)$/.exec(detail)?.[1] ?? detail;

function statesOf(steps: ExecutionEntry[]): StateRun[] {
  const states = new Map<string, StateRun>();
  for (const entry of steps) {
    const name = entry.step?.state;
    if (!name) continue;
    const run = states.get(name) ?? { name, entered: 0, retried: 0 };
    states.set(name, run);
    if (entry.step!.phase === 'entered') run.entered += 1;
    else if (entry.outcome === 'retry') run.retried += 1;
    else if (entry.outcome === 'success' || entry.outcome === 'failed') Object.assign(run, { outcome: entry.outcome, error: entry.outcome === 'failed' ? errorIn(entry.detail) : undefined });
  }
  return [...states.values()];
}

function stateNode(run: StateRun, ended: boolean, words: Strings['executions'], locale: string | undefined): HTMLElement {
  const lines = [
    run.outcome === 'success' ? words.stateSucceeded : run.outcome === 'failed' ? fill(words.stateFailed, { error: run.error ?? '' }) : ended ? words.stateStopped : words.stateRunning,
    run.retried > 0 ? pluralIn(words.retried, run.retried, locale) : '',
    run.entered > 1 ? pluralIn(words.entered, run.entered, locale) : '',
  ].filter(Boolean);
  const outcome = run.outcome ?? (ended ? 'stopped' : 'running');
  return h('div', { class: `node state outcome-${run.retried > 0 && outcome === 'success' ? 'retry' : outcome}`, 'data-state': run.name }, h('strong', {}, run.name), ...lines.map((line) => h('small', {}, line)));
}

/** How the execution ended, read from its `ended` entry's sentence. */
function endText(end: ExecutionEntry | undefined, words: Strings['executions']): string {
  if (!end) return words.running;
  const detail = end.detail ?? '';
  if (end.outcome === 'success') return words.succeeded;
  if (detail.includes('StopExecution')) return words.aborted;
  if (detail.includes('timed out')) return fill(words.timedOut, { error: errorIn(detail) });
  return fill(words.failed, { error: errorIn(detail) });
}

function drawExecution(arn: string, steps: ExecutionEntry[], t: ExecutionStrings, locale: string | undefined): HTMLElement {
  const words = t.executions;
  // arn:aws:states:<region>:<account>:execution:<machine>:<name>
  const [machine = '', name = ''] = arn.split(':').slice(6);
  const started = steps.find((entry) => entry.step?.phase === 'started') ?? steps[0]!;
  const end = steps.find((entry) => entry.step?.phase === 'ended' && !entry.step.state);
  const path = h('div', { class: 'request-path' },
    h('div', { class: 'node execution' }, h('strong', {}, fill(words.execution, { machine, name })), h('small', {}, fill(words.started, { time: formatTime(started.time, locale) }))),
    ...statesOf(steps).map((run) => step(stateNode(run, Boolean(end), words, locale))),
    step(h('div', { class: `node result outcome-${end ? end.outcome : 'running'}` }, h('strong', {}, endText(end, words)))),
  );
  return h('article', { class: 'flow-execution', 'data-execution': arn, 'data-outcome': end?.outcome ?? 'running' }, path);
}

/** The executions' title and the latest `limit` executions, newest first (or a line saying how to start one). */
export function drawExecutions(entries: ExecutionEntry[], t: ExecutionStrings, limit: number, locale: string | undefined): HTMLElement[] {
  const title = h('p', { class: 'flow-title executions-title' }, t.executions.title);
  const byExecution = new Map<string, ExecutionEntry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'execution-step' || !entry.step) continue;
    const list = byExecution.get(entry.step.execution) ?? [];
    list.push(entry);
    byExecution.set(entry.step.execution, list);
  }
  if (byExecution.size === 0) return [title, h('p', { class: 'none' }, t.executions.empty)];
  const latest = [...byExecution.entries()].sort((a, b) => b[1][0]!.seq - a[1][0]!.seq).slice(0, limit);
  return [title, ...latest.map(([arn, steps]) => drawExecution(arn, steps, t, locale))];
}
