/**
 * A definition made ready for the interpreter (aws-local-stepfunctions): AWS's waits scaled by
 * the emulator's time factor (Retry intervals, Wait states) and every Task given a handler, so no
 * task reaches the interpreter's own AWS client. A Wait state runs as a task that sleeps, which
 * lets its wait be read from the input (SecondsPath, TimestampPath) and scaled.
 */
import { childMachines, type Definition, type StateSpec } from './definition.ts';
import { referencePath } from './paths.ts';

/** The interpreter's task timer is a setTimeout: a longer timeout would fire at once. */
const NO_TIMEOUT_SECONDS = 2_147_483;

/** What runs a definition: the rewritten definition and the states that run as tasks. */
export interface Prepared {
  definition: Definition;
  /** Task state name -> its resource. */
  tasks: Map<string, string>;
  /** Wait state name -> the Wait as written. */
  waits: Map<string, StateSpec>;
}

function prepareMachine(machine: Definition, scale: number, prepared: Prepared): Definition {
  const states: Record<string, StateSpec> = {};
  for (const [name, written] of Object.entries(machine.States)) {
    let state: StateSpec = { ...written };
    if (state.Type === 'Wait') {
      prepared.waits.set(name, written);
      const { Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
      state = { ...rest, Type: 'Task', Resource: 'emulator:wait', TimeoutSeconds: NO_TIMEOUT_SECONDS };
    } else if (state.Type === 'Task') {
      prepared.tasks.set(name, String(state.Resource));
      // AWS's default task timeout is 99999999 seconds, practically none; timeouts are not scaled, since functions run in real time.
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = NO_TIMEOUT_SECONDS;
      else if (typeof state.TimeoutSeconds === 'number') state.TimeoutSeconds = Math.min(state.TimeoutSeconds, NO_TIMEOUT_SECONDS);
    }
    if (Array.isArray(state.Retry)) {
      state.Retry = state.Retry.map((retrier: Record<string, any>) => ({
        ...retrier,
        IntervalSeconds: (retrier.IntervalSeconds ?? 1) * scale,
        ...(retrier.MaxDelaySeconds !== undefined ? { MaxDelaySeconds: retrier.MaxDelaySeconds * scale } : {}),
      }));
    }
    if (state.Type === 'Parallel') state.Branches = childMachines(written).map((branch) => prepareMachine(branch, scale, prepared));
    if (state.Type === 'Map') {
      const key = written.ItemProcessor ? 'ItemProcessor' : 'Iterator';
      state[key] = prepareMachine(written[key], scale, prepared);
    }
    states[name] = state;
  }
  return { ...machine, States: states };
}

/** Rewrites a validated definition for the interpreter; `scale` is the emulator's time factor. */
export function prepare(definition: Definition, scale: number): Prepared {
  const prepared: Prepared = { definition, tasks: new Map(), waits: new Map() };
  prepared.definition = prepareMachine(definition, scale, prepared);
  return prepared;
}

/** How long a Wait state waits for `input` (its effective input), in AWS milliseconds, before scaling. */
export function waitMilliseconds(wait: StateSpec, input: unknown, now = Date.now()): number {
  if (typeof wait.Seconds === 'number') return wait.Seconds * 1000;
  if (typeof wait.SecondsPath === 'string') {
    const seconds = referencePath(wait.SecondsPath, input);
    if (typeof seconds !== 'number' || seconds < 0) throw new Error(`The SecondsPath parameter does not reference a valid non-negative integer value: ${wait.SecondsPath}`);
    return seconds * 1000;
  }
  const timestamp = typeof wait.Timestamp === 'string' ? wait.Timestamp : typeof wait.TimestampPath === 'string' ? referencePath(wait.TimestampPath, input) : undefined;
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at)) throw new Error(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${wait.TimestampPath}`);
  return Math.max(0, at - now);
}
