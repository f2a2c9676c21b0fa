/**
 * Whether a Lambda function's resource policy lets EventBridge invoke it for a rule: read through
 * Lambda's own GetPolicy, as any client would, and evaluated as IAM evaluates an Allow statement.
 */
import { isAwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';

/** The answer of {@link checkLambdaPermission}. */
export type PermissionVerdict = { allowed: true } | { allowed: false; missingFunction: boolean; detail: string };

interface Statement {
  Effect?: string;
  Principal?: string | { Service?: string | string[]; AWS?: string | string[] };
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Matches an ARN against a pattern with `*` and `?` wildcards, as ArnLike does. */
export function arnLike(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}

function allowsEvents(statement: Statement, ruleArn: string, ruleAccount: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  const actions = list(statement.Action);
  if (!actions.some((action) => action === 'lambda:InvokeFunction' || action === 'lambda:*' || action === '*')) return false;
  const principal = statement.Principal;
  const principalOk =
    principal === '*' ||
    (typeof principal === 'object' && (list(principal.Service).includes('events.amazonaws.com') || list(principal.AWS).includes('*')));
  if (!principalOk) return false;
  for (const [operator, conditions] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(conditions)) {
      const actual = key.toLowerCase() === 'aws:sourcearn' ? ruleArn : key.toLowerCase() === 'aws:sourceaccount' ? ruleAccount : undefined;
      if (actual === undefined) return false;
      const values = list(expected);
      const ok = operator.startsWith('Arn') || operator === 'StringLike'
        ? values.some((pattern) => arnLike(pattern, actual))
        : values.includes(actual);
      if (!ok) return false;
    }
  }
  return true;
}

/** The add-permission command a learner would run to allow the rule. */
export function addPermissionHint(functionArn: string, ruleArn: string): string {
  const name = functionArn.split(':')[6] ?? functionArn;
  return `aws lambda add-permission --function-name ${name} --statement-id allow-eventbridge --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn ${ruleArn}`;
}

/** Checks the function's resource policy for an Allow to events.amazonaws.com from `ruleArn`. */
export async function checkLambdaPermission(emulator: Emulator, functionArn: string, ruleArn: string): Promise<PermissionVerdict> {
  const [, , , region, account] = functionArn.split(':');
  const scope = { account: account ?? '', region: region ?? '' };
  const ruleAccount = ruleArn.split(':')[4] ?? '';
  try {
    await emulator.call('lambda', 'GetFunctionConfiguration', { FunctionName: functionArn }, scope);
  } catch (error) {
    if (isAwsError(error) && error.code === 'ResourceNotFoundException') {
      return { allowed: false, missingFunction: true, detail: `function ${functionArn} does not exist` };
    }
    throw error;
  }
  let statements: Statement[] = [];
  try {
    const answer = (await emulator.call('lambda', 'GetPolicy', { FunctionName: functionArn }, scope)) as { Policy?: string };
    statements = (JSON.parse(answer.Policy ?? '{}') as { Statement?: Statement[] }).Statement ?? [];
  } catch (error) {
    if (!(isAwsError(error) && error.code === 'ResourceNotFoundException')) throw error;
  }
  if (statements.some((statement) => allowsEvents(statement, ruleArn, ruleAccount))) return { allowed: true };
  return {
    allowed: false,
    missingFunction: false,
    detail:
      `the resource policy of ${functionArn} does not allow events.amazonaws.com to call lambda:InvokeFunction for ${ruleArn}, ` +
      `so EventBridge did not invoke it (AWS drops such deliveries silently). Fix: ${addPermissionHint(functionArn, ruleArn)}`,
  };
}
