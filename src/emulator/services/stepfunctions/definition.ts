/**
 * Definition checks in AWS's words: CreateStateMachine and UpdateStateMachine refuse a definition
 * with InvalidDefinition, "Invalid State Machine Definition: '<CODE>: <what> at <where>'", or a
 * list of such problems. The mistakes learners make most (bad JSON, a missing field, a Next that
 * names no state, an unknown Type) are checked here first, in AWS's words; the rest of the
 * language's schema is asl-validator's.
 */
import { InvalidDefinition } from './errors.ts';

/** A States Language definition, parsed. */
export type Definition = { StartAt: string; States: Record<string, StateSpec>; QueryLanguage?: string; TimeoutSeconds?: number; [field: string]: unknown };
/** One state of a definition. */
export type StateSpec = Record<string, any> & { Type: string };

const TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

/** The nested machines of a state: a Parallel's branches, a Map's item processor. */
export function childMachines(state: StateSpec): Definition[] {
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches;
  if (state.Type === 'Map') return [state.ItemProcessor ?? state.Iterator].filter((child) => child && typeof child === 'object');
  return [];
}

/** Every state name a state may go to next, with where it is written. */
function transitions(state: StateSpec, at: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (typeof state.Next === 'string') out.push([state.Next, `${at}/Next`]);
  if (typeof state.Default === 'string') out.push([state.Default, `${at}/Default`]);
  (Array.isArray(state.Choices) ? state.Choices : []).forEach((choice: any, index: number) => typeof choice?.Next === 'string' && out.push([choice.Next, `${at}/Choices[${index}]/Next`]));
  (Array.isArray(state.Catch) ? state.Catch : []).forEach((catcher: any, index: number) => typeof catcher?.Next === 'string' && out.push([catcher.Next, `${at}/Catch[${index}]/Next`]));
  return out;
}

function checkMachine(machine: unknown, at: string, type: string, seen: Set<string>, problems: string[]): void {
  if (typeof machine !== 'object' || machine === null || Array.isArray(machine)) {
    problems.push(`SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at ${at || '/'}`);
    return;
  }
  const root = machine as Record<string, any>;
  const missing = ['States', 'StartAt'].filter((field) => root[field] === undefined);
  if (missing.length > 0) {
    problems.push(`SCHEMA_VALIDATION_FAILED: These fields are required: [${missing.join(', ')}] at ${at || '/'}`);
    return;
  }
  const states = root.States as Record<string, StateSpec>;
  if (typeof states !== 'object' || states === null || Object.keys(states).length === 0) {
    problems.push(`SCHEMA_VALIDATION_FAILED: The field 'States' should be non-empty at ${at}/States`);
    return;
  }
  if (!Object.hasOwn(states, root.StartAt)) problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${root.StartAt} at ${at}/StartAt`);
  const reached = new Set<string>([root.StartAt]);
  for (const [name, state] of Object.entries(states)) {
    const where = `${at}/States/${name}`;
    if (seen.has(name)) problems.push(`DUPLICATE_STATE_NAME: Duplicate State name: ${name} at ${where}`);
    seen.add(name);
    if (!TYPES.has(state?.Type)) {
      problems.push(`SCHEMA_VALIDATION_FAILED: ${state?.Type === undefined ? 'These fields are required: [Type]' : 'Value is not a valid state type'} at ${state?.Type === undefined ? where : `${where}/Type`}`);
      continue;
    }
    if (state.Type === 'Task' && typeof state.Resource !== 'string') problems.push(`SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at ${where}`);
    if (type === 'EXPRESS' && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken')) {
      problems.push(`SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at ${where}/Resource`);
    }
    const terminal = state.Type === 'Succeed' || state.Type === 'Fail' || state.Type === 'Choice' || state.End === true;
    if (!terminal && state.Next === undefined) problems.push(`SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at ${where}`);
    for (const [target, from] of transitions(state, where)) {
      reached.add(target);
      if (!Object.hasOwn(states, target)) problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${target} at ${from}`);
    }
    childMachines(state).forEach((child, index) => checkMachine(child, state.Type === 'Map' ? `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}` : `${where}/Branches[${index}]`, type, seen, problems));
  }
  for (const name of Object.keys(states)) if (!reached.has(name)) problems.push(`MISSING_TRANSITION_TARGET: State "${name}" is not reachable. at ${at}/States/${name}`);
}

let validator: Promise<typeof import('asl-validator')> | undefined;

/** Parses and checks a definition for a machine of `type`; throws InvalidDefinition in AWS's words. */
export async function validateDefinition(text: unknown, type: string): Promise<Definition> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(text));
  } catch (error) {
    throw new InvalidDefinition(`Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`);
  }
  const problems: string[] = [];
  checkMachine(parsed, '', type, new Set(), problems);
  if (problems.length === 0) {
    // Loaded with the first definition, not with the emulator: an emulator without state machines never pays for it.
    const { default: aslValidator } = await (validator ??= import('asl-validator'));
    const { isValid, errors } = aslValidator(parsed as never, { checkArn: false, checkPaths: true });
    if (!isValid && errors[0]) problems.push(`${errors[0]['Error code']}: ${errors[0].Message}`);
  }
  if (problems.length === 1) throw new InvalidDefinition(`Invalid State Machine Definition: '${problems[0]}'`);
  if (problems.length > 1) throw new InvalidDefinition(`Invalid State Machine Definition: '${problems.map((problem) => `'${problem}'`).join(', ')}'`);
  return parsed as Definition;
}

/** Every state of a definition, nested ones included, by name (names are unique across a machine). */
export function allStates(definition: Definition): Map<string, StateSpec> {
  const found = new Map<string, StateSpec>();
  const walk = (machine: Definition) => {
    for (const [name, state] of Object.entries(machine.States)) {
      found.set(name, state);
      childMachines(state).forEach(walk);
    }
  };
  walk(definition);
  return found;
}
