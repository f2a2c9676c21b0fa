/**
 * Template parameters: values given, previous ones (UsePreviousValue) and defaults, checked against
 * Type, AllowedValues, AllowedPattern and the length and value bounds; `AWS::SSM::Parameter::Value<...>`
 * types read the emulator's Parameter Store, as CloudFormation reads the account's.
 */
import type { Emulator } from '../../emulator.ts';
import { isAwsError } from '../../errors.ts';
import { ValidationError } from './errors.ts';
import type { StackParameter } from './model.ts';
import type { Template } from './template.ts';

/** A parameter as a request gives it. */
export interface GivenParameter {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean | string;
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/** The parameters of a stack operation, every one with its value, or AWS's ValidationError. */
export async function stackParameters(
  template: Template,
  given: unknown,
  previous: StackParameter[] | undefined,
  lookup: { emulator: Emulator; account: string; region: string },
): Promise<StackParameter[]> {
  const declared = template.Parameters ?? {};
  // The query protocol sends an empty list as an empty string.
  const byKey = new Map((Array.isArray(given) ? (given as GivenParameter[]) : []).map((item) => [String(item.ParameterKey), item]));
  const unknown = [...byKey.keys()].filter((key) => !Object.hasOwn(declared, key));
  if (unknown.length > 0) throw new ValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const out: StackParameter[] = [];
  for (const [key, declaration] of Object.entries(declared)) {
    const item = byKey.get(key);
    let value: string | undefined;
    if (item && String(item.UsePreviousValue) === 'true') {
      value = previous?.find((old) => old.key === key)?.value;
      if (value === undefined) throw new ValidationError(`Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
    } else value = item?.ParameterValue ?? (declaration.Default === undefined ? undefined : defaultText(declaration.Default));
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    checkValue(key, declaration, value);
    const parameter: StackParameter = { key, value, noEcho: String(declaration.NoEcho) === 'true' };
    const ssm = SSM_TYPE.exec(String(declaration.Type ?? 'String'));
    if (ssm) parameter.resolved = await ssmValue(value, lookup);
    out.push(parameter);
  }
  if (missing.length > 0) throw new ValidationError(`Parameters: [${missing.join(', ')}] must have values`);
  return out;
}

function defaultText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function checkValue(key: string, declaration: Record<string, any>, value: string): void {
  const type = String(declaration.Type ?? 'String');
  const explain = (fallback: string) => new ValidationError(declaration.ConstraintDescription ? `Parameter '${key}' failed to satisfy constraint: ${declaration.ConstraintDescription}` : fallback);
  if (type === 'Number' && (value.trim() === '' || Number.isNaN(Number(value)))) throw new ValidationError(`Parameter '${key}' must be a number.`);
  if (type === 'List<Number>' && value.split(',').some((item) => item.trim() === '' || Number.isNaN(Number(item)))) throw new ValidationError(`Parameter '${key}' must be a list of numbers.`);
  if (Array.isArray(declaration.AllowedValues)) {
    const allowed = declaration.AllowedValues.map(String);
    const values = type.startsWith('List<') || type === 'CommaDelimitedList' ? value.split(',') : [value];
    if (values.some((item) => !allowed.includes(item))) throw explain(`Parameter '${key}' must be one of AllowedValues`);
  }
  if (declaration.AllowedPattern !== undefined && !new RegExp(`^(?:${String(declaration.AllowedPattern)})$`).test(value)) {
    throw explain(`Parameter '${key}' must match pattern ${String(declaration.AllowedPattern)}`);
  }
  if (declaration.MinLength !== undefined && value.length < Number(declaration.MinLength)) throw explain(`Parameter '${key}' must contain at least ${declaration.MinLength} characters`);
  if (declaration.MaxLength !== undefined && value.length > Number(declaration.MaxLength)) throw explain(`Parameter '${key}' must contain at most ${declaration.MaxLength} characters`);
  if (declaration.MinValue !== undefined && Number(value) < Number(declaration.MinValue)) throw explain(`Parameter '${key}' must be a number not less than ${declaration.MinValue}`);
  if (declaration.MaxValue !== undefined && Number(value) > Number(declaration.MaxValue)) throw explain(`Parameter '${key}' must be a number not greater than ${declaration.MaxValue}`);
}

async function ssmValue(name: string, lookup: { emulator: Emulator; account: string; region: string }): Promise<string> {
  try {
    const answer = await lookup.emulator.call('ssm', 'GetParameter', { Name: name }, { account: lookup.account, region: lookup.region });
    return String(answer.Parameter.Value);
  } catch (error) {
    if (isAwsError(error)) throw new ValidationError(`Unable to fetch parameters [${name}] from parameter store for this account. Create the parameter with ssm put-parameter first.`);
    throw error;
  }
}

/** The value a template reads for a parameter: lists as lists, SSM types as what the store held. */
export function parameterValue(template: Template, parameter: StackParameter): unknown {
  const type = String(template.Parameters?.[parameter.key]?.Type ?? 'String');
  const value = parameter.resolved ?? parameter.value;
  const list = type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>$/.test(type);
  return list ? value.split(',') : value;
}

/** The Parameters of DescribeStacks: NoEcho values masked, SSM types with their ResolvedValue. */
export function parametersView(parameters: StackParameter[]): Array<Record<string, string>> {
  return parameters.map((parameter) => ({
    ParameterKey: parameter.key,
    ParameterValue: parameter.noEcho ? '****' : parameter.value,
    ...(parameter.resolved !== undefined ? { ResolvedValue: parameter.noEcho ? '****' : parameter.resolved } : {}),
  }));
}
