/** Step Functions state: state machines, their executions and each execution's history, per account and region. */
import { dict } from '../../dict.ts';
import type { StateScope } from '../../types.ts';
import { ExecutionDoesNotExist, InvalidArn, InvalidName, InvalidToken, StateMachineDoesNotExist } from './errors.ts';

/** A tag on a machine, as the API shows it (lower-case members). */
export interface Tag {
  key: string;
  value: string;
}

/** A state machine, as CreateStateMachine stores it. */
export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: Date;
  revisionId: string;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: { enabled: boolean };
  tags: Tag[];
}

/** How an execution ended, or that it has not. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution of a machine. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** An event of GetExecutionHistory, with its `...EventDetails` member. */
export interface HistoryEvent {
  timestamp: Date;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** The Step Functions state of one account and region. */
export interface SfnState {
  machines: Record<string, StateMachineRecord>;
  executions: Record<string, ExecutionRecord>;
  /** Execution ARN -> its events, oldest first. */
  histories: Record<string, HistoryEvent[]>;
}

/** Fresh state. */
export function createSfnState(_scope: StateScope): SfnState {
  return { machines: dict(), executions: dict(), histories: dict() };
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** Checks a machine or execution name as AWS does (letters, digits, - and _; 1 to 80). */
export function checkName(name: unknown): string {
  const text = typeof name === 'string' ? name : '';
  if (!NAME.test(text)) throw new InvalidName(`Invalid Name: '${text}'`);
  return text;
}

/** The ARN of a machine. */
export function machineArn(scope: StateScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.account}:stateMachine:${name}`;
}

/** The ARN of an execution (Express executions have their own resource type). */
export function executionArn(machine: StateMachineRecord, name: string): string {
  const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
  return machine.stateMachineArn.replace(':stateMachine:', `:${kind}:`) + `:${name}`;
}

const ARN = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:(stateMachine|execution|express):[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?$/;

/** Checks an ARN's shape; `kind` is the resource type the operation takes. */
export function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  const text = typeof arn === 'string' ? arn : '';
  const parsed = ARN.exec(text);
  const type = parsed?.[1] === 'express' ? 'execution' : parsed?.[1];
  if (!parsed || type !== kind || (kind === 'execution') !== Boolean(parsed[2])) {
    throw new InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${text}'`);
  }
  return text;
}

/** A machine, or AWS's StateMachineDoesNotExist. */
export function findMachine(state: SfnState, arn: unknown): StateMachineRecord {
  const text = checkArn(arn, 'stateMachine');
  const machine = state.machines[text];
  if (!machine) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${text}'`);
  return machine;
}

/** An execution, or AWS's ExecutionDoesNotExist. */
export function findExecution(state: SfnState, arn: unknown): ExecutionRecord {
  const text = checkArn(arn, 'execution');
  const execution = state.executions[text];
  if (!execution) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${text}'`);
  return execution;
}

/** Pages a list with an opaque token, as the List operations do (AWS's default page is 100, its maximum 1000). */
export function paginate<T>(items: T[], nextToken: unknown, maxResults: unknown): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null) {
    const decoded = /^[A-Za-z0-9+/=]+$/.test(String(nextToken)) ? Buffer.from(String(nextToken), 'base64').toString('utf8') : '';
    if (!/^sfn:\d+$/.test(decoded)) throw new InvalidToken(`Invalid Token: 'Invalid token'`);
    start = Number(decoded.slice(4));
  }
  const size = typeof maxResults === 'number' && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const page = items.slice(start, start + size);
  return start + size < items.length ? { items: page, nextToken: Buffer.from(`sfn:${start + size}`).toString('base64') } : { items: page };
}
