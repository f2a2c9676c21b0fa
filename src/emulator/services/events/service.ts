/**
 * Amazon EventBridge: buses, rules with the full event-pattern language, targets, PutEvents and
 * asynchronous delivery with retries and dead-letter queues, scheduled rules, TestEventPattern,
 * tags on rules and buses.
 * Bus policies (PutPermission, RemovePermission) are enforced: a PutEvents to another account's
 * bus ARN, or a rule target that is another account's bus, is delivered only when that bus's policy
 * allows events:PutEvents for the sending account. SQS targets are delivered only when the queue's
 * policy allows events.amazonaws.com to call sqs:SendMessage for the rule.
 * LIMITATIONS: targets are Lambda, SQS, CloudWatch Logs and event buses; a dead-letter queue's own
 * policy is not checked; aws:PrincipalOrgID conditions never match (there are no organizations);
 * a RoleArn on a target is stored, not assumed; PutTargets does not check a cross-account bus's
 * policy up front; archives, replays, API destinations, pipes and partner sources are not emulated;
 * the 50-tag limit of a resource is not enforced.
 */
import type { Emulator } from '../../emulator.ts';
import type { ServiceDefinition } from '../../types.ts';
import { putPermission, removePermission } from './bus-policy.ts';
import { DeliveryQueue } from './delivery.ts';
import { EventsValidationException, ResourceAlreadyExistsException } from './errors.ts';
import { missingEventFields } from './envelope.ts';
import { busArn, busNameOf, checkRuleName, createEventsState, findBus, findRule, paginate, type EventsState } from './model.ts';
import { matchEvent, parsePattern } from './pattern/index.ts';
import { newEvent, putEvents, routeEvent, type EventFields } from './put-events.ts';
import { deleteRule, listRuleNamesByTarget, listRules, putRule, ruleView, setRuleState, validatePattern } from './rules.ts';
import { Scheduler } from './scheduler.ts';
import { listTags, tagResource, tagsOf, untagResource } from './tags.ts';
import { listTargetsByRule, putTargets, removeTargets } from './targets.ts';

/** The EventBridge service and its delivery machinery, one per emulator. */
export interface EventsService extends ServiceDefinition<EventsState> {
  /** The delivery queue, for benchmarks and tests that wait for deliveries to finish. */
  readonly deliveries: () => DeliveryQueue | undefined;
  /**
   * Puts an event that an AWS service emits (source `aws.*`, which PutEvents refuses to clients)
   * on the default bus of an account and region, as S3 does for bucket notifications. Returns its id.
   */
  readonly emitServiceEvent: (scope: { account: string; region: string }, event: ServiceEvent) => string;
}

/** An event an AWS service emits: the envelope fields it chooses; the rest is filled in. */
export type ServiceEvent = EventFields;

/** Creates the EventBridge service (a factory: each emulator has its own delivery queue and scheduler). */
export function createEventsService(): EventsService {
  let emulator: Emulator | undefined;
  let queue: DeliveryQueue | undefined;
  let scheduler: Scheduler | undefined;
  const ready = (): { emulator: Emulator; queue: DeliveryQueue } => {
    if (!emulator || !queue) throw new EventsValidationException('EventBridge is not started');
    return { emulator, queue };
  };

  const service: EventsService = {
    name: 'events',
    signingNames: ['events'],
    protocol: 'json',
    targetPrefix: 'AWSEvents',
    jsonVersion: '1.1',
    createState: createEventsState,
    deliveries: () => queue,
    emitServiceEvent(scope, serviceEvent) {
      const { emulator: started, queue: deliveries } = ready();
      const state = started.store.scope(service, scope.account, scope.region);
      const event = newEvent(scope, serviceEvent);
      routeEvent(started, deliveries, state, scope, 'default', event);
      return event.id;
    },
    start(started) {
      emulator = started;
      queue = new DeliveryQueue(started);
      scheduler = new Scheduler(started, queue, 'events');
      scheduler.start();
    },
    stop() {
      scheduler?.stop();
      queue?.stop();
    },
    operations: {
      CreateEventBus(input, { state, account, region }) {
        const name = busNameOf(input.Name);
        if (name === 'default' || state.buses[name]) throw new ResourceAlreadyExistsException(`Event bus ${name} already exists.`);
        if (name.includes('/') || name.startsWith('aws.')) {
          throw new EventsValidationException(`Event bus name ${name} is not valid: custom bus names cannot contain '/' or start with 'aws.'.`);
        }
        const now = new Date();
        const tags = tagsOf(input.Tags);
        state.buses[name] = { Name: name, Arn: busArn(region, account, name), CreationTime: now, LastModifiedTime: now, ...(input.Description ? { Description: String(input.Description) } : {}), ...(tags.length > 0 ? { Tags: tags } : {}) };
        return { EventBusArn: state.buses[name].Arn, ...(input.Description ? { Description: input.Description } : {}) };
      },
      DescribeEventBus(input, { state }) {
        const bus = findBus(state, busNameOf(input.Name));
        return { Name: bus.Name, Arn: bus.Arn, Description: bus.Description, ...(bus.Policy ? { Policy: bus.Policy } : {}), CreationTime: bus.CreationTime, LastModifiedTime: bus.LastModifiedTime };
      },
      PutPermission(input, { state }) {
        putPermission(state, input);
        return {};
      },
      RemovePermission(input, { state }) {
        removePermission(state, input);
        return {};
      },
      ListEventBuses(input, { state }) {
        const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
        const buses = Object.values(state.buses).filter((bus) => bus.Name.startsWith(prefix)).sort((a, b) => a.Name.localeCompare(b.Name));
        const { items, NextToken } = paginate(buses, input.NextToken, input.Limit);
        return { EventBuses: items.map((bus) => ({ Name: bus.Name, Arn: bus.Arn, Description: bus.Description, CreationTime: bus.CreationTime, LastModifiedTime: bus.LastModifiedTime })), ...(NextToken ? { NextToken } : {}) };
      },
      DeleteEventBus(input, { state }) {
        const name = busNameOf(input.Name);
        if (name === 'default') throw new EventsValidationException('Cannot delete event bus default.');
        for (const [key, rule] of Object.entries(state.rules)) if (rule.EventBusName === name) delete state.rules[key];
        delete state.buses[name];
        return {};
      },
      PutRule(input, { state, account, region }) {
        return { RuleArn: putRule(state, account, region, input).Arn };
      },
      DescribeRule(input, { state, account }) {
        const rule = findRule(state, busNameOf(input.EventBusName), checkRuleName(input.Name));
        return { ...ruleView(rule), CreatedBy: account };
      },
      ListRules(input, { state }) {
        return listRules(state, input);
      },
      DeleteRule(input, { state }) {
        deleteRule(state, input);
        return {};
      },
      EnableRule(input, { state }) {
        setRuleState(state, input, 'ENABLED');
        return {};
      },
      DisableRule(input, { state }) {
        setRuleState(state, input, 'DISABLED');
        return {};
      },
      ListRuleNamesByTarget(input, { state }) {
        return listRuleNamesByTarget(state, input);
      },
      PutTargets(input, { state }) {
        return putTargets(state, input);
      },
      RemoveTargets(input, { state }) {
        return removeTargets(state, input);
      },
      ListTargetsByRule(input, { state }) {
        return listTargetsByRule(state, input);
      },
      PutEvents(input, { state, account, region }) {
        const { emulator: started, queue: deliveries } = ready();
        const stateOf = (owner: { account: string; region: string }) => started.store.scope(service, owner.account, owner.region) as EventsState;
        return putEvents(started, deliveries, { state, stateOf }, { account, region }, input);
      },
      TestEventPattern(input) {
        const pattern = validatePattern(input.EventPattern);
        let event: unknown;
        try {
          event = JSON.parse(String(input.Event));
        } catch {
          event = undefined;
        }
        // AWS blames the event, not the pattern, and names no field.
        if (missingEventFields(event).length > 0) throw new EventsValidationException('Parameter Event is not valid.');
        return { Result: matchEvent(parsePattern(pattern), event).matched };
      },
      TagResource(input, { state, account, region }) {
        tagResource(state, { account, region }, input);
        return {};
      },
      UntagResource(input, { state, account, region }) {
        untagResource(state, { account, region }, input);
        return {};
      },
      ListTagsForResource(input, { state, account, region }) {
        return { Tags: listTags(state, { account, region }, input) };
      },
    },
  };
  return service;
}
