/**
 * An execution's history as GetExecutionHistory lists it: the interpreter's events (state
 * entered, exited, Map iterations) turned into AWS's event types and details, beside the task
 * events the integrations add. Each state entered or exited is also a step in the event-flow trace.
 */
import type { Emulator } from '../../emulator.ts';
import type { StateSpec } from './definition.ts';
import type { HistoryEvent } from './model.ts';
import { referencePath } from './paths.ts';

/** An event of the interpreter (aws-local-stepfunctions' EventLog), as far as the history reads it. */
export interface InterpreterEvent {
  type: string;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  Error?: string;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

/** The history of one execution; events are appended to `events` (the saved list for Standard machines). */
export class History {
  private readonly emulator: Emulator;
  private readonly scope: { account: string; region: string };
  readonly executionArn: string;
  readonly events: HistoryEvent[];
  /** The machine's states by name, as written (a Wait is run as a task, but its events are a Wait's). */
  private readonly states: Map<string, StateSpec>;
  /** False for Express executions, whose history AWS does not keep. */
  private readonly saved: boolean;

  constructor(emulator: Emulator, scope: { account: string; region: string }, executionArn: string, events: HistoryEvent[], states: Map<string, StateSpec>, saved: boolean) {
    this.emulator = emulator;
    this.scope = scope;
    this.executionArn = executionArn;
    this.events = events;
    this.states = states;
    this.saved = saved;
  }

  /** Appends an event of `type` with its details member; returns its id. */
  add(type: string, details: Record<string, unknown>): number {
    const id = this.events.length + 1;
    this.events.push({ timestamp: new Date(), type, id, previousEventId: id - 1, ...details });
    if (this.saved) this.emulator.store.markDirty('stepfunctions', this.scope.account, this.scope.region);
    return id;
  }

  /** Adds what an interpreter event stands for in AWS's history. */
  fromInterpreter(event: InterpreterEvent): void {
    const state = event.state;
    const spec = state ? this.states.get(state.name) : undefined;
    const type = spec?.Type ?? state?.type;
    switch (event.type) {
      case 'StateEntered': {
        this.add(`${type}StateEntered`, { stateEnteredEventDetails: { name: state!.name, input: json(state!.input), inputDetails: { truncated: false } } });
        if (type === 'Map') {
          const items = referencePath(spec?.ItemsPath ?? '$', state!.input);
          this.add('MapStateStarted', { mapStateStartedEventDetails: { length: Array.isArray(items) ? items.length : 0 } });
        }
        if (type === 'Parallel') this.add('ParallelStateStarted', {});
        this.step(state!.name, 'entered');
        return;
      }
      case 'StateExited':
        if (type === 'Map' || type === 'Parallel') this.add(`${type}StateSucceeded`, {});
        this.add(`${type}StateExited`, { stateExitedEventDetails: { name: state!.name, output: json(state!.output), outputDetails: { truncated: false } } });
        this.step(state!.name, 'exited', 'success');
        return;
      case 'StateFailed':
        if (type === 'Map' || type === 'Parallel') this.add(`${type}StateFailed`, {});
        this.step(state!.name, 'exited', 'failed', event.Error);
        return;
      case 'StateRetried':
        this.step(state!.name, 'exited', 'retry');
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const member = `mapIteration${event.type.slice('MapIteration'.length)}EventDetails`;
        this.add(event.type, { [member]: { name: event.parentState?.name, index: event.index } });
        return;
      }
      default:
        // Execution events are written by the runner, with AWS's error and cause; branches have none.
        return;
    }
  }

  /** The execution's start or end as a step in the trace (the history has its own events for them). */
  traceExecution(phase: 'started' | 'ended', outcome?: 'success' | 'failed', detail = 'execution started'): void {
    traceExecution(this.emulator, this.scope, this.executionArn, phase, outcome, detail);
  }

  private step(state: string, phase: 'entered' | 'exited', outcome?: 'success' | 'failed' | 'retry', error?: string): void {
    const detail = phase === 'entered' ? `entered ${state}` : outcome === 'success' ? `${state} succeeded` : outcome === 'retry' ? `${state} failed and is retried` : `${state} failed with ${error ?? 'an error'}`;
    this.emulator.trace.record({ ...this.scope, kind: 'execution-step', target: this.executionArn, step: { execution: this.executionArn, state, phase }, ...(outcome ? { outcome } : {}), detail });
  }
}

/** Records an execution's start or end in the event-flow trace; `detail` is an English sentence the site translates. */
export function traceExecution(emulator: Emulator, scope: { account: string; region: string }, executionArn: string, phase: 'started' | 'ended', outcome: 'success' | 'failed' | undefined, detail: string): void {
  emulator.trace.record({ ...scope, kind: 'execution-step', target: executionArn, step: { execution: executionArn, phase }, ...(outcome ? { outcome } : {}), detail });
}
