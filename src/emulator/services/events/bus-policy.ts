/**
 * Event bus policies: PutPermission (one statement from Action/Principal/StatementId[/Condition],
 * or a whole `Policy` document), RemovePermission (one statement, or all), and the check every
 * cross-account PutEvents goes through, evaluated by the shared resource-policy evaluator.
 */
import { policyAllows } from '../../policy/resource-policy.ts';
import { EventsValidationException, PolicyLengthExceededException, ResourceNotFoundException } from './errors.ts';
import { busNameOf, findBus, type Bus, type EventsState } from './model.ts';

const POLICY_LIMIT_BYTES = 10 * 1024;

interface Statement {
  Sid?: string;
  [key: string]: unknown;
}

function statementsOf(bus: Bus): Statement[] {
  if (!bus.Policy) return [];
  const statement = (JSON.parse(bus.Policy) as { Statement?: unknown }).Statement;
  return (Array.isArray(statement) ? statement : statement ? [statement] : []) as Statement[];
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function savePolicy(bus: Bus, document: Record<string, unknown>): void {
  const text = JSON.stringify(document);
  if (Buffer.byteLength(text) > POLICY_LIMIT_BYTES) {
    throw new PolicyLengthExceededException(`The policy of event bus ${bus.Name} would exceed the limit of 10 KB; remove statements you no longer need first.`);
  }
  bus.Policy = text;
  bus.LastModifiedTime = new Date();
}

/** The statement PutPermission's parameter form stands for, as AWS writes it into the policy. */
function statementFrom(bus: Bus, input: Record<string, any>): Statement {
  if (!given(input.Principal)) throw new EventsValidationException('Parameter Principal must be specified.');
  if (!given(input.StatementId)) throw new EventsValidationException('Parameter StatementId must be specified.');
  if (input.Action !== 'events:PutEvents') throw new EventsValidationException("Provided value in parameter 'action' is not supported.");
  const condition = input.Condition as { Type?: string; Key?: string; Value?: string } | undefined;
  if (condition && input.Principal !== '*') {
    throw new EventsValidationException("Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.");
  }
  return {
    Sid: String(input.StatementId),
    Effect: 'Allow',
    Principal: input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${String(input.Principal)}:root` },
    Action: 'events:PutEvents',
    Resource: bus.Arn,
    ...(condition ? { Condition: { [String(condition.Type)]: { [String(condition.Key)]: String(condition.Value) } } } : {}),
  };
}

/** PutPermission: adds (or replaces, by StatementId) one statement, or replaces the whole policy with `Policy`. */
export function putPermission(state: EventsState, input: Record<string, any>): void {
  const bus = findBus(state, busNameOf(input.EventBusName));
  if (given(input.Policy)) {
    if (['Action', 'Principal', 'StatementId', 'Condition'].some((key) => given(input[key]))) {
      throw new EventsValidationException('Combination of policy with other arguments is not allowed: give either Policy, or Action, Principal and StatementId.');
    }
    let document: unknown;
    try {
      document = JSON.parse(String(input.Policy));
    } catch {
      document = undefined;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new EventsValidationException('This policy contains invalid Json');
    savePolicy(bus, document as Record<string, unknown>);
    return;
  }
  const statement = statementFrom(bus, input);
  const kept = statementsOf(bus).filter((existing) => existing.Sid !== statement.Sid);
  const current = bus.Policy ? (JSON.parse(bus.Policy) as Record<string, unknown>) : { Version: '2012-10-17' };
  savePolicy(bus, { ...current, Statement: [...kept, statement] });
}

/** RemovePermission: drops one statement by id, or every statement with RemoveAllPermissions. */
export function removePermission(state: EventsState, input: Record<string, any>): void {
  const bus = findBus(state, busNameOf(input.EventBusName));
  if (input.RemoveAllPermissions === true) {
    if (!bus.Policy) throw new ResourceNotFoundException('EventBus does not have a policy.');
    delete bus.Policy;
    bus.LastModifiedTime = new Date();
    return;
  }
  if (!given(input.StatementId)) throw new EventsValidationException('Parameter StatementId must be specified, or RemoveAllPermissions set to true.');
  const statements = statementsOf(bus);
  const kept = statements.filter((statement) => statement.Sid !== input.StatementId);
  if (kept.length === statements.length) throw new ResourceNotFoundException('Statement with the provided id does not exist.');
  if (kept.length === 0) {
    delete bus.Policy;
    bus.LastModifiedTime = new Date();
  } else {
    savePolicy(bus, { ...(JSON.parse(bus.Policy!) as Record<string, unknown>), Statement: kept });
  }
}

/** Whether a bus's policy lets `account` put events on it (for a rule's delivery, `ruleArn` is its aws:SourceArn). */
export function busPolicyAllows(policy: string | undefined, busArn: string, account: string, ruleArn?: string): boolean {
  return policyAllows(policy, { principal: account, action: 'events:PutEvents', resource: busArn, sourceAccount: account, ...(ruleArn ? { sourceArn: ruleArn } : {}) });
}

/** Why a cross-account PutEvents was refused, with the command that grants it. */
export function busRefusal(busArn: string, account: string): string {
  const [, , , region, , resource] = busArn.split(':');
  const name = resource?.slice('event-bus/'.length) ?? 'default';
  return `the bus policy of ${busArn} does not allow account ${account} to call events:PutEvents. `
    + `Fix (as the bus's owner): aws events put-permission --event-bus-name ${name} --region ${region} --action events:PutEvents --principal ${account} --statement-id allow-${account}`;
}
