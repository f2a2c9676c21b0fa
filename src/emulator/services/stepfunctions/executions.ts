/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution and
 * GetExecutionHistory. Standard executions are kept with their history; Express ones are not, as
 * on AWS (their history goes to CloudWatch Logs there, which the emulator does not write).
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { ExecutionAlreadyExists, InvalidExecutionInput, StateMachineTypeNotSupported } from './errors.ts';
import { checkName, executionArn, findExecution, findMachine, paginate, type ExecutionRecord, type HistoryEvent, type SfnState } from './model.ts';
import { traceExecution } from './history.ts';
import { runExecution, type Running } from './runner.ts';
import type { TaskTokens } from './tokens.ts';

/** What the execution operations share: the emulator, the token registry and what is running. */
export interface ExecutionsContext {
  emulator: Emulator;
  tokens: TaskTokens;
  running: Map<string, Running>;
}

type Scope = { account: string; region: string };

function checkInput(value: unknown): string {
  const text = value === undefined || value === null ? '{}' : String(value);
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidExecutionInput(`Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
  return text;
}

function newExecution(state: SfnState, input: Record<string, any>): { machine: ReturnType<typeof findMachine>; execution: ExecutionRecord } {
  const machine = findMachine(state, input.stateMachineArn);
  const name = input.name === undefined ? randomUUID() : checkName(input.name);
  const execution: ExecutionRecord = { executionArn: executionArn(machine, name), stateMachineArn: machine.stateMachineArn, name, status: 'RUNNING', startDate: new Date(), input: checkInput(input.input) };
  return { machine, execution };
}

/** StartExecution: runs in the background; the same name and input while running answers the same execution. */
export function startExecution(context: ExecutionsContext, state: SfnState, scope: Scope, input: Record<string, any>) {
  const { machine, execution } = newExecution(state, input);
  const existing = state.executions[execution.executionArn];
  if (existing) {
    if (existing.status === 'RUNNING' && existing.input === execution.input) return { executionArn: existing.executionArn, startDate: existing.startDate };
    throw new ExecutionAlreadyExists(`Execution Already Exists: '${execution.executionArn}'`);
  }
  const standard = machine.type === 'STANDARD';
  const events: HistoryEvent[] = [];
  if (standard) {
    state.executions[execution.executionArn] = execution;
    state.histories[execution.executionArn] = events;
  }
  const running = runExecution(machine, execution, { emulator: context.emulator, scope, tokens: context.tokens, events, saved: standard });
  context.running.set(execution.executionArn, running);
  void running.done.finally(() => context.running.delete(execution.executionArn));
  return { executionArn: execution.executionArn, startDate: execution.startDate };
}

/** StartSyncExecution: Express machines only; answers when the execution ends. */
export async function startSyncExecution(context: ExecutionsContext, state: SfnState, scope: Scope, input: Record<string, any>) {
  const { machine, execution } = newExecution(state, input);
  if (machine.type !== 'EXPRESS') throw new StateMachineTypeNotSupported('This operation is not supported by this type of state machine');
  const running = runExecution(machine, execution, { emulator: context.emulator, scope, tokens: context.tokens, events: [], saved: false });
  await running.done;
  return {
    ...executionView(execution),
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(((execution.stopDate?.getTime() ?? Date.now()) - execution.startDate.getTime()) / 100) * 100) },
  };
}

function executionView(execution: ExecutionRecord) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate,
    ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
    input: execution.input,
    inputDetails: { included: true },
    ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
  };
}

/** DescribeExecution. */
export function describeExecution(state: SfnState, input: Record<string, any>) {
  const execution = findExecution(state, input.executionArn);
  return { ...executionView(execution), redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' };
}

/** ListExecutions: newest first, filtered by status. */
export function listExecutions(state: SfnState, input: Record<string, any>) {
  const machine = findMachine(state, input.stateMachineArn);
  if (machine.type === 'EXPRESS') throw new StateMachineTypeNotSupported('This operation is not supported by this type of state machine');
  const executions = Object.values(state.executions)
    .filter((execution) => execution.stateMachineArn === machine.stateMachineArn && (!input.statusFilter || execution.status === input.statusFilter))
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  const { items, nextToken } = paginate(executions, input.nextToken, input.maxResults);
  const listed = items.map((execution) => ({ executionArn: execution.executionArn, stateMachineArn: execution.stateMachineArn, name: execution.name, status: execution.status, startDate: execution.startDate, ...(execution.stopDate ? { stopDate: execution.stopDate } : {}) }));
  return { executions: listed, ...(nextToken ? { nextToken } : {}) };
}

/** StopExecution: a running execution becomes ABORTED with the given error and cause. */
export function stopExecution(context: ExecutionsContext, state: SfnState, scope: Scope, input: Record<string, any>) {
  const execution = findExecution(state, input.executionArn);
  if (execution.status !== 'RUNNING') return { stopDate: execution.stopDate ?? new Date() };
  const details = { ...(input.error !== undefined ? { error: String(input.error) } : {}), ...(input.cause !== undefined ? { cause: String(input.cause) } : {}) };
  Object.assign(execution, { status: 'ABORTED', stopDate: new Date(), ...details });
  const events = state.histories[execution.executionArn];
  if (events) events.push({ timestamp: execution.stopDate!, type: 'ExecutionAborted', id: events.length + 1, previousEventId: events.length, executionAbortedEventDetails: details });
  context.running.get(execution.executionArn)?.abort();
  traceExecution(context.emulator, scope, execution.executionArn, 'ended', 'failed', 'execution aborted by StopExecution');
  return { stopDate: execution.stopDate };
}

/** GetExecutionHistory: events oldest first (or newest with reverseOrder), paged. */
export function getExecutionHistory(state: SfnState, input: Record<string, any>) {
  const execution = findExecution(state, input.executionArn);
  let events = [...(state.histories[execution.executionArn] ?? [])];
  if (input.reverseOrder === true) events.reverse();
  if (input.includeExecutionData === false) {
    events = events.map((event) => Object.fromEntries(Object.entries(event).map(([key, value]) => [key, key.endsWith('EventDetails') && value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([member]) => member !== 'input' && member !== 'output')) : value]))) as HistoryEvent[];
  }
  const { items, nextToken } = paginate(events, input.nextToken, input.maxResults);
  return { events: items, ...(nextToken ? { nextToken } : {}) };
}
