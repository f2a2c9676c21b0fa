/** CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine, DeleteStateMachine and tags. */
import { randomUUID } from 'node:crypto';
import type { StateScope } from '../../types.ts';
import { validateDefinition } from './definition.ts';
import { InvalidArn, MissingRequiredParameter, ResourceNotFound, SfnValidationException, StateMachineAlreadyExists, TooManyTags } from './errors.ts';
import { checkName, findMachine, machineArn, paginate, type SfnState, type StateMachineRecord, type Tag } from './model.ts';

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
const TYPES = ['STANDARD', 'EXPRESS'];

/** Checks a role ARN's shape as AWS does (the role itself is not looked up). */
function checkRoleArn(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  if (!text.startsWith('arn:')) throw new InvalidArn(`Invalid Arn: 'Invalid ARN prefix: ${text}'`);
  if (!ROLE_ARN.test(text)) throw new InvalidArn(`Invalid Arn: 'Resource type not valid in this context: ${text}'`);
  return text;
}

/** Tags as the API takes them: a list of {key, value}; later keys replace earlier ones. */
function tagsOf(value: unknown, into: Tag[] = []): Tag[] {
  const tags = into.map((tag) => ({ ...tag }));
  for (const tag of Array.isArray(value) ? value : []) {
    const key = String(tag?.key ?? '');
    const existing = tags.find((candidate) => candidate.key === key);
    if (existing) existing.value = String(tag?.value ?? '');
    else tags.push({ key, value: String(tag?.value ?? '') });
  }
  if (tags.length > 50) throw new TooManyTags(`Too many tags: a resource can have at most 50 tags; remove some with UntagResource first.`);
  return tags;
}

/** CreateStateMachine: idempotent for the same name, definition, role and type. */
export async function createStateMachine(state: SfnState, scope: StateScope, input: Record<string, any>) {
  const name = checkName(input.name);
  const type = input.type ?? 'STANDARD';
  if (!TYPES.includes(type)) throw new SfnValidationException(`1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  const roleArn = checkRoleArn(input.roleArn);
  await validateDefinition(input.definition, type);
  const arn = machineArn(scope, name);
  const existing = state.machines[arn];
  if (existing) {
    if (existing.definition === input.definition && existing.roleArn === roleArn && existing.type === type) return { stateMachineArn: arn, creationDate: existing.creationDate };
    throw new StateMachineAlreadyExists(`State Machine Already Exists: '${arn}'`);
  }
  const machine: StateMachineRecord = {
    stateMachineArn: arn,
    name,
    definition: String(input.definition),
    roleArn,
    type,
    creationDate: new Date(),
    revisionId: randomUUID(),
    loggingConfiguration: input.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: Boolean(input.tracingConfiguration?.enabled) },
    tags: tagsOf(input.tags),
  };
  state.machines[arn] = machine;
  return { stateMachineArn: arn, creationDate: machine.creationDate };
}

/** DescribeStateMachine. */
export function describeStateMachine(state: SfnState, input: Record<string, any>) {
  const machine = findMachine(state, input.stateMachineArn);
  const { tags: _tags, ...view } = machine;
  return { ...view, status: 'ACTIVE' };
}

/** ListStateMachines, oldest first. */
export function listStateMachines(state: SfnState, input: Record<string, any>) {
  const machines = Object.values(state.machines).sort((a, b) => a.creationDate.getTime() - b.creationDate.getTime());
  const { items, nextToken } = paginate(machines, input.nextToken, input.maxResults);
  return { stateMachines: items.map(({ stateMachineArn, name, type, creationDate }) => ({ stateMachineArn, name, type, creationDate })), ...(nextToken ? { nextToken } : {}) };
}

/** UpdateStateMachine: a new definition, role, logging or tracing; running executions keep the old definition. */
export async function updateStateMachine(state: SfnState, input: Record<string, any>) {
  const machine = findMachine(state, input.stateMachineArn);
  if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined) {
    throw new MissingRequiredParameter('Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
  }
  const roleArn = input.roleArn === undefined ? machine.roleArn : checkRoleArn(input.roleArn);
  if (input.definition !== undefined) await validateDefinition(input.definition, machine.type);
  Object.assign(machine, {
    roleArn,
    ...(input.definition !== undefined ? { definition: String(input.definition) } : {}),
    ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
    ...(input.tracingConfiguration ? { tracingConfiguration: { enabled: Boolean(input.tracingConfiguration.enabled) } } : {}),
    revisionId: randomUUID(),
  });
  return { updateDate: new Date(), revisionId: machine.revisionId };
}

/** The machine a tag operation names, or AWS's ResourceNotFound. */
function taggable(state: SfnState, arn: unknown): StateMachineRecord {
  const machine = typeof arn === 'string' ? state.machines[arn] : undefined;
  if (!machine) {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw new InvalidArn(`Invalid Arn: 'Invalid ARN prefix: ${String(arn ?? '')}'`);
    throw new ResourceNotFound(`Resource not found: '${arn}'`);
  }
  return machine;
}

/** TagResource. */
export function tagResource(state: SfnState, input: Record<string, any>): void {
  const machine = taggable(state, input.resourceArn);
  machine.tags = tagsOf(input.tags, machine.tags);
}

/** UntagResource: keys the machine lacks are no error. */
export function untagResource(state: SfnState, input: Record<string, any>): void {
  const machine = taggable(state, input.resourceArn);
  const keys = new Set((Array.isArray(input.tagKeys) ? input.tagKeys : []).map(String));
  machine.tags = machine.tags.filter((tag) => !keys.has(tag.key));
}

/** ListTagsForResource. */
export function listTags(state: SfnState, input: Record<string, any>) {
  return { tags: taggable(state, input.resourceArn).tags.map((tag) => ({ ...tag })) };
}

/** DeleteStateMachine's change: the machine goes; its executions stay readable, as on AWS for a while. */
export function deleteMachineRecord(state: SfnState, arn: string): void {
  delete state.machines[arn];
}
