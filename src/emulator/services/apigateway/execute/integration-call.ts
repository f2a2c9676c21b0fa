/**
 * Calling a route's Lambda proxy integration: the function's resource policy must let
 * apigateway.amazonaws.com invoke it for this route (as on AWS; --relaxed-permissions skips
 * it), the event has the integration's payload format, and the integration's timeout applies.
 */
import type { Emulator } from '../../../emulator.ts';
import { isAwsError } from '../../../errors.ts';
import { functionPolicyAllows } from '../../lambda/policy.ts';
import type { EmulatorResponse } from '../../../types.ts';
import type { Integration } from '../model.ts';
import { functionArnOf } from '../integrations.ts';
import type { RouteCall } from './door.ts';
import { eventV1, eventV2, type ProxyRequest } from './event.ts';
import { gatewayError, mapV1, mapV2 } from './response.ts';

/** The ARN API Gateway invokes a route's function as: `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<method><path>`. */
export function routeSourceArn(call: Pick<RouteCall, 'region' | 'account' | 'api' | 'staged' | 'route' | 'request'>): string {
  const base = `arn:aws:execute-api:${call.region}:${call.account}:${call.api.apiId}/${call.staged.stage}`;
  if (call.route.routeKey === '$default') return `${base}/$default`;
  const path = call.route.routeKey.slice(call.route.routeKey.indexOf(' ') + 1);
  return `${base}/${call.request.method}${path}`;
}

/** The add-permission command that lets the API invoke the function. */
function permissionHint(functionArn: string, apiArn: string): string {
  const name = functionArn.split(':')[6] ?? functionArn;
  return `aws lambda add-permission --function-name ${name} --statement-id allow-api --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "${apiArn}/*"`;
}

function errorOf(payload: string): string {
  try {
    const { errorType, errorMessage } = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    return [errorType, errorMessage].filter(Boolean).join(': ') || payload.slice(0, 200);
  } catch {
    return payload.slice(0, 200);
  }
}

/** Invokes the integration's function and maps its answer (or its failure) to the client's response. */
export async function callIntegration(emulator: Emulator, call: RouteCall, integration: Integration, claims: Record<string, unknown> | undefined): Promise<EmulatorResponse> {
  const { say, requestId } = call;
  const functionArn = functionArnOf(integration.integrationUri ?? '')!;
  const [, , , region, account] = functionArn.split(':');
  const scope = { account: account!, region: region! };
  const sourceArn = routeSourceArn(call);
  if (!emulator.settings.skipLambdaPermissionCheck) {
    const allowed = await functionPolicyAllows(emulator, scope, functionArn, { principal: 'apigateway.amazonaws.com', sourceArn, sourceAccount: call.account, resource: functionArn });
    if (!allowed) {
      const apiArn = `arn:aws:execute-api:${call.region}:${call.account}:${call.api.apiId}`;
      say('refused', `the resource policy of ${functionArn} does not allow apigateway.amazonaws.com to invoke it for ${sourceArn}, so API Gateway answered 500. Fix: ${permissionHint(functionArn, apiArn)}`, functionArn);
      return gatewayError(500, requestId);
    }
  }
  const proxy: ProxyRequest = {
    request: call.request,
    account: call.account,
    apiId: call.api.apiId,
    domainName: call.domainName,
    stage: call.staged.stage,
    routeKey: call.route.routeKey,
    rawPath: call.staged.stage === '$default' ? call.staged.path : `/${call.staged.stage}${call.staged.path === '/' ? '' : call.staged.path}`,
    pathParameters: call.pathParameters,
    stageVariables: call.stageVariables && Object.keys(call.stageVariables).length > 0 ? call.stageVariables : undefined,
    requestId,
    time: new Date(),
    ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
  };
  const event = integration.payloadFormatVersion === '1.0' ? eventV1(proxy) : eventV2(proxy);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), integration.timeoutInMillis);
  });
  let answer: { headers?: Record<string, string>; body?: Buffer | string } | 'late';
  try {
    const invoked = emulator.call('lambda', 'Invoke', { FunctionName: functionArn, Payload: Buffer.from(JSON.stringify(event)) }, scope) as Promise<typeof answer>;
    invoked.catch(() => {});
    answer = await Promise.race([invoked, late]);
  } catch (error) {
    const reason = isAwsError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
    say('function-error', `Lambda refused the invocation (${reason}), so API Gateway answered 500`, functionArn);
    return gatewayError(500, requestId);
  } finally {
    clearTimeout(timer);
  }
  if (answer === 'late') {
    say('function-error', `the function did not answer within the integration's timeout of ${integration.timeoutInMillis} ms, so API Gateway answered 503`, functionArn);
    return gatewayError(503, requestId);
  }
  const payload = Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : String(answer.body ?? '');
  if (answer.headers?.['x-amz-function-error']) {
    say('function-error', `the function failed (${errorOf(payload)}), so API Gateway answered 500`, functionArn);
    return gatewayError(500, requestId);
  }
  const mapped = integration.payloadFormatVersion === '1.0' ? mapV1(payload, requestId) : mapV2(payload, requestId);
  if ('malformed' in mapped) {
    say('function-error', `the function's answer is not a valid response (${mapped.malformed}), so API Gateway answered 500`, functionArn);
    return gatewayError(500, requestId);
  }
  say('success', `route ${call.route.routeKey} called ${functionArn.split(':')[6]}, which answered ${mapped.response.status}`, functionArn);
  return mapped.response;
}
