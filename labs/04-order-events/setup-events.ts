/** Lab 04: route the shop's order events to a function. Complete every TODO, then run `npx workshop check 04`. */
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** The SDK clients the setup uses. */
export interface OrderEventsClients {
  eventbridge: EventBridgeClient;
  lambda: LambdaClient;
}

/** What to create, and the function to route to. */
export interface OrderEventsSetup {
  busName: string;
  ruleName: string;
  /** The ARN of the function that stores orders (store-order.ts, deployed). */
  functionArn: string;
}

/** Creates the bus, the rule, its Lambda target and the permission; resolves with the rule's ARN. */
export async function setupOrderEvents(clients: OrderEventsClients, setup: OrderEventsSetup): Promise<string> {
  const { eventbridge, lambda } = clients;
  // TODO: create the event bus setup.busName (CreateEventBusCommand).
  // TODO: create the rule setup.ruleName on that bus (PutRuleCommand) with an EventPattern that
  //       matches source 'shop.orders' and detail-type 'Order Placed' only.
  // TODO: make setup.functionArn the rule's target (PutTargetsCommand).
  // TODO: let events.amazonaws.com invoke the function for this rule only (AddPermissionCommand with SourceArn).
  // TODO: return the rule's ARN.
  // TODO: make a second run safe: it must not fail on what the first made, nor add a second target or permission.
  return '';
}
