/**
 * The sentences the emulator writes for an HTTP request to an API or a function URL
 * (`POST /orders: route POST /orders called shop-orders-api, which answered 201`), read and said
 * again in the page's language. Names, codes, AWS's messages and the add-permission command that
 * fixes a refusal are kept as they came; a sentence it does not know is shown as it came.
 */
import { fill } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { say, type Form } from './trace-text.ts';

type RequestStrings = Strings['requests'];

/** The end of most failure sentences: who answered the client, and with what status. */
const ANSWERED = String.raw`so (API Gateway|the URL) answered (\d{3}(?: Internal Server Error)?)`;
const POLICY_GAPS: Record<string, 'urlPolicyNeither' | 'urlPolicyNoUrl' | 'urlPolicyNoInvoke'> = {
  'neither lambda:InvokeFunctionUrl nor lambda:InvokeFunction (invoked via a function URL)': 'urlPolicyNeither',
  'not lambda:InvokeFunctionUrl': 'urlPolicyNoUrl',
  'not lambda:InvokeFunction (invoked via a function URL)': 'urlPolicyNoInvoke',
};

const sentence = (source: string) => new RegExp(`^${source}$`, 's');
const GAP = Object.keys(POLICY_GAPS).map((gap) => gap.replace(/[()]/g, '\\$&')).join('|');
const answered = (who: string, status: string, t: RequestStrings) => fill(who === 'API Gateway' ? t.gatewayAnswered : t.urlAnswered, { status });

/** Why a JWT authorizer refused a request (apigateway/execute/jwt.ts). */
const JWT: Form<RequestStrings>[] = [
  [/^its authorizer no longer exists$/, (_, t) => t.noAuthorizer],
  [/^the request has no (\S+) header$/, ([header], t) => fill(t.noHeader, { header: header! })],
  [/^the token was refused \((.*)\)$/s, ([error], t) => fill(t.tokenRefused, { error: error! })],
  [/^the token's audience \((.*)\) is not one of (.*)$/s, ([given, audiences], t) => fill(t.audience, { given: given === 'none' ? t.none : given!, audiences: audiences! })],
  [/^the token lacks the scope (.*)$/s, ([scopes], t) => fill(t.scope, { scopes: scopes!.split(' or ').join(t.or) })],
];

/** Why a function's answer is not a response (apigateway/execute/response.ts). */
const PROBLEMS: Form<RequestStrings>[] = [
  [/^the function answered something that is not JSON$/, (_, t) => t.notJson],
  [/^statusCode (.*) is not an HTTP status code$/s, ([value], t) => fill(t.badStatus, { value: value! })],
  [/^cookies must be a list of strings$/, (_, t) => t.badCookies],
  [/^payload format 1\.0 needs an object with a statusCode as the answer$/, (_, t) => t.v1Object],
  [/^payload format 1\.0 needs a statusCode, and the answer has none$/, (_, t) => t.v1NoStatus],
  [/^payload format 1\.0 needs a statusCode, and the answer has (.*)$/s, ([value], t) => fill(t.v1Status, { value: value! })],
  [/^(\S+) must be an object of header names to values$/, ([what], t) => fill(t.badHeaders, { what: what! })],
  [/^(\S+) must be a string, number or boolean$/, ([header], t) => fill(t.badHeader, { header: header! })],
];

/** What happened to a request (apigateway/execute/door.ts and integration-call.ts, lambda/function-url-door.ts and function-url-auth.ts). */
const REQUESTS: Form<RequestStrings>[] = [
  [/^the API (\S+) has its default endpoint turned off \((\w+)\)$/, ([api, setting], t) => fill(t.endpointOff, { api: api!, setting: setting! })],
  [/^no stage of API (\S+) serves this path: create the \$default stage, or start the path with a stage name$/, ([api], t) => fill(t.noStage, { api: api! })],
  [/^stage (\S+) has nothing deployed: run CreateDeployment for it, or create the stage with autoDeploy$/, ([stage], t) => fill(t.notDeployed, { stage: stage! })],
  [/^no route of stage (\S+) matches (\S+ .*) \(deployed routes: (.*)\)$/s, ([stage, request, routes], t) => fill(t.noRouteMatches, { stage: stage!, request: request!, routes: routes === 'none' ? t.none : routes!.split(', ').join(t.list) })],
  [/^route (.+) has no integration: give it a target \(integrations\/<id>\)$/s, ([route], t) => fill(t.noIntegration, { route: route! })],
  [/^route (.+?) needs a valid JWT: (.*)$/s, ([route, reason], t, locale) => fill(t.needsJwt, { route: route!, reason: say(JWT, reason!, t, locale) })],
  [sentence(String.raw`the resource policy of (\S+) does not allow apigateway\.amazonaws\.com to invoke it for (\S+), ${ANSWERED}`), ([fn, source, who, status], t) => fill(t.gatewayPolicy, { function: fn!, source: source!, answered: answered(who!, status!, t) })],
  [sentence(String.raw`Lambda refused the invocation \((.*)\), ${ANSWERED}`), ([error, who, status], t) => fill(t.lambdaRefused, { error: error!, answered: answered(who!, status!, t) })],
  [sentence(String.raw`the function did not answer within the integration's timeout of (\d+) ms, ${ANSWERED}`), ([ms, who, status], t) => fill(t.timedOut, { ms: ms!, answered: answered(who!, status!, t) })],
  [sentence(String.raw`the function failed \((.*)\), ${ANSWERED}(?:: read its log group (\S+))?`), ([error, who, status, group], t) => {
    const detail = fill(t.functionFailed, { error: error!, answered: answered(who!, status!, t) });
    return group ? fill(t.readLogs, { detail, group }) : detail;
  }],
  [sentence(String.raw`the function's answer is not a valid response \((.*)\), ${ANSWERED}`), ([problem, who, status], t, locale) => fill(t.malformed, { problem: say(PROBLEMS, problem!, t, locale), answered: answered(who!, status!, t) })],
  [/^route (.+) called (\S+), which answered (\d{3})$/s, ([route, fn, status], t) => fill(t.routeCalled, { route: route!, function: fn!, status: status! })],
  [/^the URL answered the CORS preflight itself, from its Cors settings \(the function did not run\)$/, (_, t) => t.preflight],
  [sentence(String.raw`the resource policy of (\S+) allows (the public \("\*"\)|account \d+) (${GAP}), ${ANSWERED}`), ([fn, who, gap, by, status], t) => {
    const key = POLICY_GAPS[gap!]!;
    const caller = who!.startsWith('account ') ? fill(t.account, { account: who!.slice('account '.length) }) : t.everyone;
    return fill(t[key], { function: fn!, who: caller, answered: answered(by!, status!, t) });
  }],
  [/^the URL's AuthType is AWS_IAM and the request is not signed: sign it with SigV4 for the service "lambda" \(an SDK client, or curl --aws-sigv4 "aws:amz:<region>:lambda"\), or set the URL's AuthType to NONE$/, (_, t) => t.unsigned],
  [/^the request is signed for the service "(.*)", and a function URL takes signatures for "lambda" only$/, ([service], t) => fill(t.wrongService, { service: service! })],
  [/^the request's signature does not check out \((.*)\)$/s, ([error], t) => fill(t.badSignature, { error: error! })],
  [sentence(String.raw`the emulator could not invoke the function \((.*)\), ${ANSWERED}`), ([error, who, status], t) => fill(t.notInvoked, { error: error!, answered: answered(who!, status!, t) })],
  [sentence(String.raw`Lambda throttled the invocation \((.*)\), ${ANSWERED}: raise the function's reserved concurrency, or remove it`), ([error, who, status], t) => fill(t.throttled, { error: error!, answered: answered(who!, status!, t) })],
  [/^Lambda refused the request body \((.*)\)$/s, ([error], t) => fill(t.bodyRefused, { error: error! })],
  [/^(\S+) answered (\d{3})$/, ([fn, status], t) => fill(t.urlAnsweredBy, { function: fn!, status: status! })],
];

/** A request's trace sentence, read: whether a function URL took it, what happened, and the command that fixes it. */
export interface RequestReading {
  functionUrl: boolean;
  /** What happened and why, in the page's language. */
  reason: string;
  /** The add-permission command(s) a refusal names, as they came. */
  fix?: string;
}

/** Reads an `api-request` entry's `detail` (`<METHOD> <path>[ (function URL of <arn>)]: <what happened>`) in the page's language. */
export function requestReading(detail: string, http: { method: string; path: string }, t: RequestStrings, locale: string | undefined): RequestReading {
  const head = `${http.method} ${http.path}`;
  let rest = detail.startsWith(head) ? detail.slice(head.length) : detail;
  const viaUrl = /^ \(function URL of \S+\)/.exec(rest);
  if (viaUrl) rest = rest.slice(viaUrl[0].length);
  if (rest !== detail) rest = rest.replace(/^: /, '');
  const fixAt = rest.indexOf('. Fix: ');
  const reason = fixAt === -1 ? rest : rest.slice(0, fixAt);
  const said = say(REQUESTS, reason, t, locale);
  return fixAt === -1 ? { functionUrl: viaUrl !== null, reason: said } : { functionUrl: viaUrl !== null, reason: said, fix: rest.slice(fixAt + '. Fix: '.length) };
}
