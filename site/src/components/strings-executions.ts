/**
 * The words the event-flow view uses for state machine executions: the timeline's labels, and
 * the readings of the execution sentences the emulator's Step Functions writes in the trace.
 * strings-live.ts joins them.
 */
import type { Plural } from './fill.ts';

/** The execution timeline's words in English. */
export const executionsEn = {
  title: 'State machine executions',
  empty: 'No executions yet. Start one with StartExecution and each state it passes through appears here.',
  execution: '{machine}: {name}',
  started: 'started {time}',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed with {error}',
  timedOut: 'timed out with {error}',
  aborted: 'stopped by StopExecution',
  stateSucceeded: 'succeeded',
  stateFailed: 'failed with {error}',
  stateRunning: 'running',
  stateStopped: 'stopped before it ended',
  retried: { one: 'retried once', other: 'retried {n} times' } as Plural,
  entered: { one: 'entered once', other: 'entered {n} times' } as Plural,
};

/** The execution timeline's words in Simplified Chinese. */
export const executionsZhCn: typeof executionsEn = {
  title: '状态机执行',
  empty: '还没有执行。用 StartExecution 启动一个，它经过的每个状态都会出现在这里。',
  execution: '{machine}：{name}',
  started: '开始于 {time}',
  running: '运行中',
  succeeded: '成功',
  failed: '失败：{error}',
  timedOut: '超时：{error}',
  aborted: '已被 StopExecution 停止',
  stateSucceeded: '成功',
  stateFailed: '失败：{error}',
  stateRunning: '运行中',
  stateStopped: '未完成即被停止',
  retried: { other: '重试 {n} 次' },
  entered: { other: '进入 {n} 次' },
};
