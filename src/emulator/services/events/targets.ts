/** Target operations: PutTargets (failures per entry, not exceptions), RemoveTargets, ListTargetsByRule. */
import { EventsValidationException, LimitExceededException } from './errors.ts';
import { isValidJsonPath } from './input.ts';
import { busNameOf, checkRuleName, findRule, paginate, type EventsState, type Target } from './model.ts';

const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;
const MAX_TARGETS = 5;
/** The variables EventBridge defines for every template. */
const PREDEFINED = new Set(['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json']);

/** Refuses the whole request, as AWS does, for a target whose input cannot be built. */
function checkInput(target: Record<string, any>): void {
  const given = ['Input', 'InputPath', 'InputTransformer'].filter((key) => target[key] !== undefined && target[key] !== null);
  if (given.length > 1) throw new EventsValidationException(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`);
  const transformer = target.InputTransformer;
  if (typeof transformer?.InputTemplate !== 'string') return;
  const defined = transformer.InputPathsMap ?? {};
  for (const [, name] of transformer.InputTemplate.matchAll(/<(.*?)>/g)) {
    if (!PREDEFINED.has(name!) && !Object.hasOwn(defined, name!)) {
      throw new EventsValidationException(`InputTemplate for target ${target.Id} contains invalid placeholder ${name}.`);
    }
  }
}

/** Why one target entry cannot be stored, or `undefined` when it can. */
function entryProblem(target: Record<string, any>): { ErrorCode: string; ErrorMessage: string } | undefined {
  const invalid = (message: string) => ({ ErrorCode: 'ValidationException', ErrorMessage: message });
  if (typeof target.Arn !== 'string' || !/^arn:aws[\w-]*:[\w-]+:/.test(target.Arn)) return invalid(`Parameter ${String(target.Arn)} is not valid. Reason: Provided Arn is not in correct format.`);
  if (target.Input !== undefined) {
    try {
      JSON.parse(String(target.Input));
    } catch {
      return invalid('Input is not a valid JSON text.');
    }
  }
  if (target.InputPath !== undefined && !isValidJsonPath(String(target.InputPath))) return invalid(`InputPath ${target.InputPath} is not a valid JSON path.`);
  if (target.InputTransformer !== undefined) {
    if (typeof target.InputTransformer.InputTemplate !== 'string') return invalid('InputTemplate is required for InputTransformer.');
    for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      if (name.startsWith('aws.')) return invalid(`Input transformer variable ${name} is reserved.`);
      if (!isValidJsonPath(String(path))) return invalid(`Input transformer path ${String(path)} for ${name} is not a valid JSON path.`);
    }
  }
  const retry = target.RetryPolicy;
  if (retry?.MaximumRetryAttempts !== undefined && (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)) {
    return invalid('MaximumRetryAttempts must be between 0 and 185.');
  }
  if (retry?.MaximumEventAgeInSeconds !== undefined && (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86_400)) {
    return invalid('MaximumEventAgeInSeconds must be between 60 and 86400.');
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w.-]+$/.test(String(dlq))) {
    return invalid(`DeadLetterConfig Arn ${String(dlq)} must be the ARN of an SQS queue.`);
  }
  return undefined;
}

/** Adds or replaces targets of a rule; invalid entries come back in FailedEntries. */
export function putTargets(state: EventsState, input: Record<string, any>): Record<string, unknown> {
  const rule = findRule(state, busNameOf(input.EventBusName), checkRuleName(input.Rule, 'rule'));
  const entries: Array<Record<string, any>> = Array.isArray(input.Targets) ? input.Targets : [];
  if (entries.length < 1 || entries.length > 100) {
    throw new EventsValidationException(`1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and 100`);
  }
  for (const entry of entries) {
    if (typeof entry.Id !== 'string' || !TARGET_ID.test(entry.Id)) {
      throw new EventsValidationException(`1 validation error detected: Value '${String(entry.Id)}' at 'targets.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
    }
  }
  for (const entry of entries) checkInput(entry);
  const failed: Array<Record<string, string>> = [];
  const accepted: Target[] = [];
  for (const entry of entries) {
    const problem = entryProblem(entry);
    if (problem) failed.push({ TargetId: entry.Id, ...problem });
    else accepted.push(structuredClone(entry) as Target);
  }
  const ids = new Set([...rule.targets.map((target) => target.Id), ...accepted.map((target) => target.Id)]);
  if (ids.size > MAX_TARGETS) {
    throw new LimitExceededException(`The requested resource exceeds the maximum number allowed (${MAX_TARGETS} targets per rule).`);
  }
  for (const target of accepted) {
    rule.targets = [...rule.targets.filter((existing) => existing.Id !== target.Id), target];
  }
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

/** Removes targets by id; unknown ids are reported per entry. */
export function removeTargets(state: EventsState, input: Record<string, any>): Record<string, unknown> {
  const rule = findRule(state, busNameOf(input.EventBusName), checkRuleName(input.Rule, 'rule'));
  const ids: string[] = Array.isArray(input.Ids) ? input.Ids : [];
  if (ids.length < 1 || ids.length > 100) {
    throw new EventsValidationException(`1 validation error detected: Value at 'ids' failed to satisfy constraint: Member must have length between 1 and 100`);
  }
  const failed: Array<Record<string, string>> = [];
  for (const id of ids) {
    if (!rule.targets.some((target) => target.Id === id)) {
      failed.push({ TargetId: id, ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Target ${id} does not exist on rule ${rule.Name}.` });
    }
  }
  rule.targets = rule.targets.filter((target) => !ids.includes(target.Id));
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

/** ListTargetsByRule with pagination. */
export function listTargetsByRule(state: EventsState, input: Record<string, any>): Record<string, unknown> {
  const rule = findRule(state, busNameOf(input.EventBusName), checkRuleName(input.Rule, 'rule'));
  const { items, NextToken } = paginate(rule.targets, input.NextToken, input.Limit);
  return { Targets: items, ...(NextToken ? { NextToken } : {}) };
}
