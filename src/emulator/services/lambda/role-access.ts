/**
 * What Lambda checks in a function's execution role before it accepts a configuration that makes
 * Lambda act with that role (an event source mapping polls with it, destinations and the
 * dead-letter queue are sent with it), in Lambda's words, and what a mapping shows when the role
 * loses a polling permission later. The checks follow the emulator's IAM mode: `report` records
 * what would be refused and accepts, `off` checks nothing.
 */
import type { Emulator } from '../../emulator.ts';
import { functionSession, refusalOfNeeds, type CallScope } from '../../policy/acting-as.ts';
import { InvalidParameterValueException } from './errors.ts';
import { resolveQualifier, type LambdaContext, type LambdaState } from './model.ts';

const SQS_POLLING = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'];
const STREAM_POLLING = ['GetRecords', 'GetShardIterator', 'DescribeStream', 'ListStreams'];
const STREAM = /^arn:aws[\w-]*:dynamodb:[\w-]+:\d{12}:table\/[^/]+\/stream\/.+$/;

/** What sending to each kind of target needs, and the service's name in Lambda's message. */
const SENDING: Record<string, { service: string; operation: string; action: string; named: string }> = {
  sqs: { service: 'sqs', operation: 'SendMessage', action: 'sqs:SendMessage', named: 'SQS' },
  sns: { service: 'sns', operation: 'Publish', action: 'sns:Publish', named: 'SNS' },
  lambda: { service: 'lambda', operation: 'InvokeFunction', action: 'lambda:InvokeFunction', named: 'Lambda' },
  events: { service: 'events', operation: 'PutEvents', action: 'events:PutEvents', named: 'EventBridge' },
  s3: { service: 's3', operation: 'PutObject', action: 's3:PutObject', named: 'S3' },
};

/** The execution role of the version a qualifier resolves to (the function's latest when it does not resolve). */
export function roleOf(state: LambdaState, context: LambdaContext, name: string, qualifier: string | undefined): string | undefined {
  const fn = state.functions.get(name);
  if (!fn) return undefined;
  try {
    return resolveQualifier(context, fn, qualifier).version.role;
  } catch {
    return fn.latest.role;
  }
}

/** The first polling permission of a source the role is refused, with IAM's sentence, or undefined. */
async function pollingRefusal(emulator: Emulator, scope: CallScope, functionName: string, role: string | undefined, sourceArn: string): Promise<{ operation: string; message: string } | undefined> {
  const session = functionSession(emulator, scope, functionName, role);
  if (!session) return undefined;
  const stream = STREAM.test(sourceArn);
  const service = stream ? 'dynamodb' : 'sqs';
  for (const operation of stream ? STREAM_POLLING : SQS_POLLING) {
    const refused = await refusalOfNeeds(emulator, session.accessKeyId, service, [{ action: `${service}:${operation}`, resource: sourceArn }], scope);
    if (refused) return { operation, message: refused.message };
  }
  return undefined;
}

/** CreateEventSourceMapping's check that the function's role may poll the source; throws Lambda's refusal. */
export async function checkPollingRole(context: LambdaContext, functionName: string, qualifier: string | undefined, sourceArn: string): Promise<void> {
  const refused = await pollingRefusal(context.emulator, context, functionName, roleOf(context.state, context, functionName, qualifier), sourceArn);
  if (!refused) return;
  if (STREAM.test(sourceArn)) {
    throw new InvalidParameterValueException(`Cannot access stream ${sourceArn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.`);
  }
  throw new InvalidParameterValueException(`The function execution role does not have permissions to call ${refused.operation} on SQS`);
}

/**
 * What a running mapping shows when its function's role may no longer poll (`PROBLEM: ...`, as
 * LastProcessingResult says it), or undefined when it may. Only where refusals are enforced: a
 * reported refusal was recorded when the mapping was created and polling goes on.
 */
export async function pollingProblem(emulator: Emulator, state: LambdaState, scope: CallScope, mapping: { functionName: string; qualifier: string | undefined; eventSourceArn: string }): Promise<string | undefined> {
  if (emulator.settings.iam === 'report' || emulator.settings.iam === 'off') return undefined;
  const context: LambdaContext = { ...scope, state, emulator };
  const refused = await pollingRefusal(emulator, scope, mapping.functionName, roleOf(state, context, mapping.functionName, mapping.qualifier), mapping.eventSourceArn);
  return refused ? `PROBLEM: ${refused.message}` : undefined;
}

/** The first of `targets` the role may not send to, with what it needed. */
async function sendingRefusal(emulator: Emulator, scope: CallScope, functionName: string, role: string | undefined, targets: Array<string | undefined>): Promise<{ operation: string; named: string; target: string } | undefined> {
  const session = functionSession(emulator, scope, functionName, role);
  if (!session) return undefined;
  for (const target of targets) {
    const sending = target ? SENDING[target.split(':')[2] ?? ''] : undefined;
    if (!target || !sending) continue;
    const refused = await refusalOfNeeds(emulator, session.accessKeyId, sending.service, [{ action: sending.action, resource: target }], scope);
    if (refused) return { operation: sending.operation, named: sending.named, target };
  }
  return undefined;
}

/** PutFunctionEventInvokeConfig's check that the role may send to its destinations; throws Lambda's refusal. */
export async function checkDestinationRole(context: LambdaContext, functionName: string, qualifier: string | undefined, destinations: Array<string | undefined>): Promise<void> {
  const refused = await sendingRefusal(context.emulator, context, functionName, roleOf(context.state, context, functionName, qualifier), destinations);
  if (refused) throw new InvalidParameterValueException(`The function execution role does not have permissions to call ${refused.operation} on ${refused.named}`);
}

/**
 * CreateFunction's and UpdateFunctionConfiguration's check that the role (the one given, else the
 * function's) may send to the dead-letter queue or topic given; throws Lambda's refusal.
 */
export async function checkDeadLetterRole(context: LambdaContext, input: Record<string, any>): Promise<void> {
  const target = (input.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
  if (typeof target !== 'string' || target === '' || typeof input.FunctionName !== 'string') return;
  // A name, an ARN or a partial ARN (`123456789012:function:name`): the session is named after the plain name.
  const functionName = input.FunctionName.split(':function:').pop()!.split(':')[0]!;
  const role: unknown = input.Role ?? context.state.functions.get(functionName)?.latest.role;
  if (typeof role !== 'string') return;
  const refused = await sendingRefusal(context.emulator, context, functionName, role, [target]);
  if (refused) throw new InvalidParameterValueException(`The provided execution role does not have permissions to call ${refused.operation} on ${refused.named}`);
}
