/**
 * Who may call a function URL. AuthType NONE: anyone, but only when the resource policy of the
 * function (or alias) says so, in two statements since October 2025: `lambda:InvokeFunctionUrl`
 * for the URL's auth type and `lambda:InvokeFunction` invoked via a function URL. AuthType
 * AWS_IAM: a request SigV4-signed for `lambda`, checked where the emulator verifies signatures;
 * the function's own account may call it (identity policies are not evaluated), another account
 * only when the resource policy names it.
 */
import type { Emulator } from '../../emulator.ts';
import { AwsError } from '../../errors.ts';
import { isSigned } from '../../authentication.ts';
import { ANONYMOUS, policyAllows } from '../../policy/resource-policy.ts';
import { accountForKey } from '../../router.ts';
import { verifySignature } from '../../signature.ts';
import type { EmulatorRequest } from '../../types.ts';
import { LATEST } from './arns.ts';
import type { FunctionUrlRecord } from './function-urls.ts';
import type { FunctionRecord } from './model.ts';

/** The URL being called, as the door found it. */
export interface UrlTarget {
  account: string;
  region: string;
  fn: FunctionRecord;
  /** `$LATEST` for the function's own URL, else the alias. */
  qualifier: string;
  url: FunctionUrlRecord;
  /** The ARN Lambda invokes: qualified for an alias. */
  arn: string;
}

/** A caller let in, and who it is for the event's requestContext. */
export type Admitted = { caller: 'anonymous' } | { caller: { accessKeyId: string; account: string } };

/** The outcome of {@link admit}: in, or refused with the reason (and the fix) for the trace. */
export type Admission = Admitted | { refused: string };

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

function signedScope(request: EmulatorRequest): { accessKeyId: string; service: string } | undefined {
  const header = SCOPE.exec(request.headers.authorization ?? '');
  if (header) return { accessKeyId: header[1]!, service: header[3]! };
  const [accessKeyId, , , service] = (request.query.get('X-Amz-Credential') ?? '').split('/');
  return accessKeyId && service ? { accessKeyId, service } : undefined;
}

function qualifierFlag(target: UrlTarget): string {
  return target.qualifier === LATEST ? '' : ` --qualifier ${target.qualifier}`;
}

/** The add-permission commands a policy lacks for callers `principal` (`"*"` or an account) with `authType`. */
function missingStatements(target: UrlTarget, principal: string, authType: string): string[] {
  const statements = target.fn.policies.get(target.qualifier) ?? [];
  const document = { Statement: statements };
  const who = principal === '*' ? ANONYMOUS : principal;
  const base = { principal: who, resource: target.arn, functionUrlAuthType: authType };
  const name = target.fn.name;
  const shown = principal === '*' ? '"*"' : principal;
  const missing: string[] = [];
  if (!policyAllows(document, { ...base, action: 'lambda:InvokeFunctionUrl' })) {
    missing.push(`aws lambda add-permission --function-name ${name}${qualifierFlag(target)} --statement-id FunctionURLAllowAccess --action lambda:InvokeFunctionUrl --principal ${shown} --function-url-auth-type ${authType}`);
  }
  if (!policyAllows(document, { ...base, action: 'lambda:InvokeFunction', invokedViaFunctionUrl: true })) {
    missing.push(`aws lambda add-permission --function-name ${name}${qualifierFlag(target)} --statement-id FunctionURLAllowInvoke --action lambda:InvokeFunction --principal ${shown} --invoked-via-function-url`);
  }
  return missing;
}

function refusedByPolicy(target: UrlTarget, who: string, missing: string[]): { refused: string } {
  const which = missing.length === 2 ? 'neither lambda:InvokeFunctionUrl nor lambda:InvokeFunction (invoked via a function URL)' : missing[0]!.includes('InvokeFunctionUrl') ? 'not lambda:InvokeFunctionUrl' : 'not lambda:InvokeFunction (invoked via a function URL)';
  return { refused: `the resource policy of ${target.arn} allows ${who} ${which}, so the URL answered 403. Fix: ${missing.join(' && ')}` };
}

/** Decides whether the request may call the URL. */
export async function admit(emulator: Emulator, target: UrlTarget, request: EmulatorRequest): Promise<Admission> {
  if (target.url.authType === 'NONE') {
    const missing = missingStatements(target, '*', 'NONE');
    return missing.length === 0 ? { caller: 'anonymous' } : refusedByPolicy(target, 'the public ("*")', missing);
  }
  if (!isSigned(request)) {
    return { refused: 'the URL\'s AuthType is AWS_IAM and the request is not signed: sign it with SigV4 for the service "lambda" (an SDK client, or curl --aws-sigv4 "aws:amz:<region>:lambda"), or set the URL\'s AuthType to NONE' };
  }
  const scope = signedScope(request);
  if (!scope || scope.service !== 'lambda') {
    return { refused: `the request is signed for the service "${scope?.service ?? 'unknown'}", and a function URL takes signatures for "lambda" only` };
  }
  if (emulator.verifiesSignatures) {
    const verified = await verifySignature(request, 'rest-json', (key) => emulator.secretOf(key));
    if (verified instanceof AwsError) return { refused: `the request's signature does not check out (${verified.message})` };
  }
  const account = accountForKey(scope.accessKeyId);
  if (account !== target.account) {
    const missing = missingStatements(target, account, 'AWS_IAM');
    if (missing.length > 0) return refusedByPolicy(target, `account ${account}`, missing);
  }
  return { caller: { accessKeyId: scope.accessKeyId, account } };
}
