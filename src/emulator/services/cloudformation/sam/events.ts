/**
 * A function's Events, each expanded as SAM names it: `<Fn><Event>` for the event source mapping,
 * rule or subscription, `<Fn><Event>Permission` for the permission that lets the source invoke it.
 */
import type { TemplateResource } from '../template.ts';
import { InvalidSamResource, unsupported } from './errors.ts';
import { httpApiEvent, type HttpApiRoutes } from './http-api.ts';
import { withCondition } from './shared.ts';

/** What event sources invoke: the function, or its alias under AutoPublishAlias (as SAM wires them). */
export interface InvokeTarget {
  /** FunctionName of mappings and permissions. */
  ref: unknown;
  /** The ARN rules and subscriptions target. */
  arn: unknown;
  /** The Fn::Sub variable of the ARN in an API integration's URI. */
  uriVariable: string;
}

/** The target of a function without an alias. */
export const functionTarget = (fn: string): InvokeTarget => ({ ref: { Ref: fn }, arn: { 'Fn::GetAtt': [fn, 'Arn'] }, uriVariable: `${fn}.Arn` });

/** What expanding a function's events needs: the HTTP API routes collected so far, the function's Condition. */
export interface EventContext {
  routes: HttpApiRoutes;
  templateResources: Record<string, TemplateResource>;
  condition?: string;
  target?: InvokeTarget;
  /** The function's logical id, set while its events expand. */
  fn?: string;
}

type Props = Record<string, unknown>;

/** The permission `<Fn><Event>Permission` SAM grants a service principal to invoke the function. */
export function invokePermission(target: InvokeTarget, principal: string, sourceArn: unknown): TemplateResource {
  return { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: target.ref, Principal: principal, SourceArn: sourceArn } };
}

function pick(properties: Props, names: string[]): Props {
  return Object.fromEntries(names.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]));
}

function required(id: string, properties: Props, name: string, type: string): unknown {
  if (properties[name] === undefined) throw new InvalidSamResource(id, `Missing required property '${name}' of the ${type} event.`);
  return properties[name];
}

const MAPPING = ['BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'ScalingConfig'];
const STREAM = [...MAPPING, 'StartingPosition', 'StartingPositionTimestamp', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'ParallelizationFactor', 'TumblingWindowInSeconds'];

function mapping(target: InvokeTarget, source: unknown, properties: Props, names: string[]): TemplateResource {
  const extra: Props = {};
  const onFailure = (properties.DestinationConfig as Props | undefined)?.OnFailure as Props | undefined;
  if (onFailure?.Destination !== undefined) extra.DestinationConfig = { OnFailure: { Destination: onFailure.Destination } };
  return { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: source, FunctionName: target.ref, ...pick(properties, names), ...extra } };
}

function rule(to: InvokeTarget, id: string, rule: Props, target: Props): Record<string, TemplateResource> {
  return {
    [id]: { Type: 'AWS::Events::Rule', Properties: { ...rule, Targets: [{ Arn: to.arn, Id: `${id}LambdaTarget`, ...target }] } },
    [`${id}Permission`]: invokePermission(to, 'events.amazonaws.com', { 'Fn::GetAtt': [id, 'Arn'] }),
  };
}

type Expander = (target: InvokeTarget, id: string, properties: Props, context: EventContext) => { resources: Record<string, TemplateResource>; managed?: string[] };

const EXPANDERS: Record<string, Expander> = {
  SQS: (target, id, properties) => ({
    resources: { [id]: mapping(target, required(id, properties, 'Queue', 'SQS'), properties, MAPPING) },
    managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'],
  }),
  DynamoDB: (target, id, properties) => ({
    resources: { [id]: mapping(target, required(id, properties, 'Stream', 'DynamoDB'), properties, STREAM) },
    managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole'],
  }),
  SNS(target, id, properties) {
    if (properties.SqsSubscription !== undefined) throw unsupported(id, "The SNS event's SqsSubscription", 'Subscribe the function to the topic directly, or declare the queue, its policy and an SQS event yourself.');
    const topic = required(id, properties, 'Topic', 'SNS');
    return {
      resources: {
        [id]: { Type: 'AWS::SNS::Subscription', Properties: { Endpoint: target.arn, Protocol: 'lambda', TopicArn: topic, ...pick(properties, ['Region', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy']) } },
        [`${id}Permission`]: invokePermission(target, 'sns.amazonaws.com', topic),
      },
    };
  },
  EventBridgeRule(to, id, properties) {
    if (properties.DeadLetterConfig !== undefined) throw unsupported(id, "The EventBridgeRule event's DeadLetterConfig", 'Give the rule target a dead-letter queue with an AWS::Events::Rule of your own.');
    const target = (properties.Target as Props | undefined) ?? {};
    const resources = rule(to, id, { EventPattern: required(id, properties, 'Pattern', 'EventBridgeRule'), ...pick(properties, ['EventBusName', 'State']), ...(properties.RuleName !== undefined ? { Name: properties.RuleName } : {}) }, pick(properties, ['Input', 'InputPath', 'RetryPolicy']));
    if (target.Id !== undefined) ((resources[id]!.Properties!.Targets as Props[])[0]!).Id = target.Id;
    return { resources };
  },
  Schedule(target, id, properties) {
    const state = properties.State ?? (properties.Enabled === undefined ? undefined : String(properties.Enabled) === 'true' ? 'ENABLED' : 'DISABLED');
    return { resources: rule(target, id, { ScheduleExpression: required(id, properties, 'Schedule', 'Schedule'), ...pick(properties, ['Name', 'Description']), ...(state !== undefined ? { State: state } : {}) }, pick(properties, ['Input'])) };
  },
  HttpApi: (target, id, properties, context) => ({ resources: httpApiEvent(target, context.fn!, id, properties, context) }),
};
EXPANDERS.CloudWatchEvent = EXPANDERS.EventBridgeRule!;

const REFUSED: Record<string, string> = {
  Api: 'REST APIs (API Gateway v1) are not emulated: use Type HttpApi (an HTTP API, API Gateway v2) instead.',
};

/** The resources of a function's Events, and the managed policies its role needs for them. */
export function eventResources(fn: string, events: unknown, context: EventContext): { resources: Record<string, TemplateResource>; managedPolicies: string[] } {
  const resources: Record<string, TemplateResource> = {};
  const managedPolicies: string[] = [];
  for (const [name, event] of Object.entries((events ?? {}) as Record<string, Props>)) {
    const id = `${fn}${name}`;
    const type = String(event?.Type ?? '');
    if (Object.hasOwn(REFUSED, type)) throw unsupported(fn, `Event '${name}' of type ${type}`, REFUSED[type]!);
    const expand = Object.hasOwn(EXPANDERS, type) ? EXPANDERS[type] : undefined;
    if (!expand) throw unsupported(fn, `Event '${name}' of type '${type}'`, `Supported event types: ${Object.keys(EXPANDERS).join(', ')}.`);
    const expanded = expand(context.target ?? functionTarget(fn), id, (event.Properties ?? {}) as Props, { ...context, fn });
    for (const [key, value] of Object.entries(expanded.resources)) resources[key] = withCondition(value, context.condition);
    for (const arn of expanded.managed ?? []) if (!managedPolicies.includes(arn)) managedPolicies.push(arn);
  }
  return { resources, managedPolicies };
}
