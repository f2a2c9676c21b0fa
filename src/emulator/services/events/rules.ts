/** Rule operations: PutRule, DescribeRule, ListRules, DeleteRule, Enable/DisableRule, ListRuleNamesByTarget. */
import { EventsValidationException, InvalidEventPatternException } from './errors.ts';
import { busNameOf, checkRuleName, findBus, findRule, paginate, ruleArn, rulesOf, type EventsState, type Rule } from './model.ts';
import { MAX_EVENT_PATTERN_LENGTH, PatternError, parsePattern } from './pattern/index.ts';
import { parseSchedule } from './schedule.ts';
import { tagsOf } from './tags.ts';

/** Validates an event pattern, answering InvalidEventPatternException as AWS does. */
export function validatePattern(pattern: unknown): string {
  if (typeof pattern !== 'string') throw new InvalidEventPatternException('Event pattern is not valid. Reason: the pattern must be a JSON string');
  try {
    parsePattern(pattern, { maxLength: MAX_EVENT_PATTERN_LENGTH });
  } catch (error) {
    if (error instanceof PatternError) throw new InvalidEventPatternException(error.message);
    throw error;
  }
  return pattern;
}

/** The rule as DescribeRule shows it. */
export function ruleView(rule: Rule): Record<string, unknown> {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventPattern: rule.EventPattern,
    ScheduleExpression: rule.ScheduleExpression,
    State: rule.State,
    Description: rule.Description,
    RoleArn: rule.RoleArn,
    EventBusName: rule.EventBusName,
  };
}

/** Creates or updates a rule; returns it. */
export function putRule(state: EventsState, account: string, region: string, input: Record<string, any>): Rule {
  const name = checkRuleName(input.Name);
  const bus = busNameOf(input.EventBusName);
  findBus(state, bus);
  const hasPattern = input.EventPattern !== undefined && input.EventPattern !== '';
  const hasSchedule = input.ScheduleExpression !== undefined && input.ScheduleExpression !== '';
  if (!hasPattern && !hasSchedule) {
    throw new EventsValidationException('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (hasSchedule) {
    if (bus !== 'default') throw new EventsValidationException('ScheduleExpression is supported only on the default event bus.');
    parseSchedule(String(input.ScheduleExpression));
  }
  if (hasPattern) validatePattern(input.EventPattern);
  const state_ = input.State ?? 'ENABLED';
  if (!['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'].includes(state_)) {
    throw new EventsValidationException(`1 validation error detected: Value '${state_}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]`);
  }
  if (typeof input.Description === 'string' && input.Description.length > 512) {
    throw new EventsValidationException("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 512");
  }
  const tags = tagsOf(input.Tags);
  const key = `${bus}/${name}`;
  const existing = state.rules[key];
  // Tags count only when PutRule creates the rule; an update keeps the rule's own (TagResource changes them).
  const kept = existing ? existing.Tags : tags.length > 0 ? tags : undefined;
  const rule: Rule = {
    Name: name,
    Arn: ruleArn(region, account, bus, name),
    EventBusName: bus,
    ...(hasPattern ? { EventPattern: String(input.EventPattern) } : {}),
    ...(hasSchedule ? { ScheduleExpression: String(input.ScheduleExpression) } : {}),
    State: state_,
    ...(input.Description !== undefined ? { Description: String(input.Description) } : {}),
    ...(input.RoleArn ? { RoleArn: String(input.RoleArn) } : {}),
    ...(kept ? { Tags: kept } : {}),
    targets: existing?.targets ?? [],
    createdAt: existing?.createdAt ?? Date.now(),
  };
  state.rules[key] = rule;
  return rule;
}

/** Deletes a rule; refused while targets remain, as on AWS. */
export function deleteRule(state: EventsState, input: Record<string, any>): void {
  const bus = busNameOf(input.EventBusName);
  const name = checkRuleName(input.Name);
  const key = `${bus}/${name}`;
  findBus(state, bus);
  const rule = state.rules[key];
  if (!rule) return;
  if (rule.targets.length > 0) throw new EventsValidationException("Rule can't be deleted since it has targets.");
  delete state.rules[key];
}

/** Turns a rule on or off. */
export function setRuleState(state: EventsState, input: Record<string, any>, value: 'ENABLED' | 'DISABLED'): Rule {
  const rule = findRule(state, busNameOf(input.EventBusName), checkRuleName(input.Name));
  rule.State = value;
  return rule;
}

/** ListRules with NamePrefix and pagination. */
export function listRules(state: EventsState, input: Record<string, any>): Record<string, unknown> {
  const bus = busNameOf(input.EventBusName);
  findBus(state, bus);
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const rules = rulesOf(state, bus).filter((rule) => rule.Name.startsWith(prefix));
  const { items, NextToken } = paginate(rules, input.NextToken, input.Limit);
  return { Rules: items.map(ruleView), ...(NextToken ? { NextToken } : {}) };
}

/** ListRuleNamesByTarget: the rules of a bus that send to a target ARN. */
export function listRuleNamesByTarget(state: EventsState, input: Record<string, any>): Record<string, unknown> {
  if (typeof input.TargetArn !== 'string' || input.TargetArn === '') {
    throw new EventsValidationException("1 validation error detected: Value null at 'targetArn' failed to satisfy constraint: Member must not be null");
  }
  const bus = busNameOf(input.EventBusName);
  findBus(state, bus);
  const names = rulesOf(state, bus)
    .filter((rule) => rule.targets.some((target) => target.Arn === input.TargetArn))
    .map((rule) => rule.Name);
  const { items, NextToken } = paginate(names, input.NextToken, input.Limit);
  return { RuleNames: items, ...(NextToken ? { NextToken } : {}) };
}
