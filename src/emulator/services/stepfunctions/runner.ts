/**
 * Runs one execution in the background: the interpreter (aws-local-stepfunctions) walks the
 * states, every Task goes to integrations.ts, Wait states sleep for their scaled time, and the
 * execution's record and history are kept up to date as it goes. StopExecution aborts it.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { allStates, type Definition } from './definition.ts';
import { History, type InterpreterEvent } from './history.ts';
import { runTask, type TaskContext } from './integrations.ts';
import { executionAccessKey } from './task-access.ts';
import type { ExecutionRecord, HistoryEvent, StateMachineRecord } from './model.ts';
import { prepare, waitMilliseconds } from './prepare.ts';
import { TaskError } from './task-error.ts';
import type { TaskTokens } from './tokens.ts';

/** What an execution needs besides its record. */
export interface RunContext {
  emulator: Emulator;
  scope: { account: string; region: string };
  tokens: TaskTokens;
  /** Where the history goes: the saved list of a Standard execution, a throw-away one for Express. */
  events: HistoryEvent[];
  saved: boolean;
}

/** A running execution: stop it, or wait for it to end. */
export interface Running {
  abort(): void;
  done: Promise<void>;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

type Interpreter = typeof import('aws-local-stepfunctions');
let interpreter: Promise<Interpreter> | undefined;
/** The interpreter, loaded with the first execution: it takes a tenth of a second to load, which an emulator without executions never pays. */
const loadInterpreter = () => (interpreter ??= import('aws-local-stepfunctions'));

/** The error and cause an execution failed with, from the interpreter's error. */
function failureOf(error: unknown): { error: string; cause?: string } {
  const inner = (error as { cause?: unknown })?.cause ?? error;
  const failed = inner as Error;
  // A Fail state without Cause has none on AWS; the interpreter fills in a sentence of its own.
  const ownWords = failed?.constructor?.name === 'FailStateError' && failed.message === 'Execution failed because of a Fail state';
  return { error: failed?.name ?? 'States.Runtime', ...(ownWords ? {} : { cause: failed?.message ?? String(inner) }) };
}

/** Starts `execution` of `machine`; its record is updated in place as it runs and when it ends. */
export function runExecution(machine: StateMachineRecord, execution: ExecutionRecord, context: RunContext): Running {
  const { emulator, scope } = context;
  const definition = JSON.parse(machine.definition) as Definition;
  // The account's own factor when a grader set one (/_workshop/time-factor), else the emulator's.
  const prepared = prepare(definition, emulator.scaled(1, scope.account));
  const history = new History(emulator, scope, execution.executionArn, context.events, allStates(definition), context.saved);
  const stopper = new AbortController();
  const tokenPlaceholder = `emulator-task-token-${randomUUID()}`;
  const accessKeyId = executionAccessKey(emulator, machine.roleArn, execution.executionArn, scope.account);
  const handlers: Record<string, (input: any) => Promise<any>> = {};
  for (const [name, resource] of prepared.tasks) {
    handlers[name] = async (input) => {
      // The interpreter's events for this state are queued before the handler runs: let them reach the history first.
      await nextTurn();
      const task: TaskContext = { emulator, scope, history, executionArn: execution.executionArn, stateName: name, tokens: context.tokens, tokenPlaceholder, signal: stopper.signal, accessKeyId };
      return runTask(task, resource, input);
    };
  }
  for (const [name, wait] of prepared.waits) {
    handlers[name] = async (input) => {
      let milliseconds: number;
      try {
        milliseconds = waitMilliseconds(wait, input);
      } catch (error) {
        throw new TaskError('States.Runtime', (error as Error).message);
      }
      await sleep(emulator.scaled(milliseconds, scope.account), undefined, { signal: stopper.signal }).catch(() => undefined);
      return input;
    };
  }
  const input = JSON.parse(execution.input);
  history.add('ExecutionStarted', { executionStartedEventDetails: { input: execution.input, inputDetails: { truncated: false }, roleArn: machine.roleArn } });
  history.traceExecution('started');
  let run: { abort(): void } | undefined;
  const finish = (status: ExecutionRecord['status'], fields: Partial<ExecutionRecord>) => {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date(), ...fields });
  };
  const execute = async ({ StateMachine, ExecutionAbortedError, ExecutionTimeoutError }: Interpreter) => {
    if (stopper.signal.aborted) return;
    const stateMachine = new StateMachine(prepared.definition as never, { validationOptions: { noValidate: true } });
    const started = stateMachine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: execution.executionArn, Name: execution.name, RoleArn: machine.roleArn, StartTime: execution.startDate.toISOString() },
        StateMachine: { Id: machine.stateMachineArn, Name: machine.name },
        Task: { Token: tokenPlaceholder },
      },
    });
    run = started;
    const events = (async () => {
      for await (const event of started.eventLogs) history.fromInterpreter(event as InterpreterEvent);
    })();
    try {
      const output = await started.result;
      await events;
      finish('SUCCEEDED', { output: json(output) });
      if (execution.status !== 'SUCCEEDED') return;
      history.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: execution.output, outputDetails: { truncated: false } } });
      history.traceExecution('ended', 'success', 'execution succeeded');
    } catch (error) {
      stopper.abort();
      if (error instanceof ExecutionAbortedError) return;
      await Promise.race([events, nextTurn()]);
      if (error instanceof ExecutionTimeoutError) {
        finish('TIMED_OUT', { error: 'States.Timeout' });
        history.add('ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } });
        history.traceExecution('ended', 'failed', 'execution timed out with States.Timeout');
        return;
      }
      const failure = failureOf(error);
      finish('FAILED', failure);
      history.add('ExecutionFailed', { executionFailedEventDetails: failure });
      history.traceExecution('ended', 'failed', `execution failed with ${failure.error}`);
    }
  };
  const done = loadInterpreter()
    .then(execute)
    .finally(() => {
      if (context.saved) emulator.store.markDirty('stepfunctions', scope.account, scope.region);
    });
  return {
    abort: () => {
      stopper.abort();
      run?.abort();
    },
    done,
  };
}
