/**
 * Where a request's template comes from (TemplateBody, or TemplateURL read from the emulator's
 * S3), the capabilities it needs, and the summaries ValidateTemplate and GetTemplateSummary give.
 */
import type { Emulator } from '../../emulator.ts';
import { isAwsError } from '../../errors.ts';
import { InsufficientCapabilitiesException, ValidationError } from './errors.ts';
import { checkOutputReferences, dependencies } from './graph.ts';
import { IAM_TYPES } from './resources/index.ts';
import { transformsOf } from './sam/index.ts';
import { parseTemplate, TEMPLATE_BODY_LIMIT, type Template } from './template.ts';

/** A request's template body: TemplateBody as given, or the object TemplateURL names in the emulator's S3. */
export async function templateBodyOf(input: Record<string, any>, emulator: Emulator, scope: { account: string; region: string }): Promise<string> {
  if (typeof input.TemplateBody === 'string' && input.TemplateBody !== '') {
    if (Buffer.byteLength(input.TemplateBody) > TEMPLATE_BODY_LIMIT) throw new ValidationError(`1 validation error detected: Value '[truncated]' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_LIMIT}`);
    return input.TemplateBody;
  }
  if (typeof input.TemplateURL !== 'string' || input.TemplateURL === '') throw new ValidationError('Either Template URL or Template Body must be specified.');
  let url: URL;
  try {
    url = new URL(input.TemplateURL);
  } catch {
    throw new ValidationError(`TemplateURL must be a supported URL.`);
  }
  const virtual = /^([^.]+)\.s3[.-]/.exec(url.hostname);
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  const [bucket, key] = virtual ? [virtual[1]!, path] : [path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1)];
  try {
    const answer = await emulator.call('s3', 'GetObject', { Bucket: bucket, Key: key, headers: {}, query: new URLSearchParams(), body: Buffer.alloc(0) }, scope);
    return Buffer.from(answer.body).toString('utf8');
  } catch (error) {
    if (isAwsError(error)) throw new ValidationError(`S3 error: Access Denied or not found reading ${input.TemplateURL} (${error.code}). Upload the template to the emulator's S3 first.`);
    throw error;
  }
}

/** Parses a template and checks what CloudFormation checks before it accepts it: references and cycles. */
export function checkedTemplate(body: string): Template {
  const template = parseTemplate(body);
  dependencies(template, Object.keys(template.Resources));
  checkOutputReferences(template);
  return template;
}

/** The capabilities a template needs (CAPABILITY_IAM, or CAPABILITY_NAMED_IAM for named IAM resources). */
export function requiredCapabilities(template: Template): { capabilities: string[]; reason?: string } {
  const iam = Object.entries(template.Resources).filter(([, resource]) => Object.hasOwn(IAM_TYPES, resource.Type));
  if (iam.length === 0) return { capabilities: [] };
  const named = iam.some(([, resource]) => IAM_TYPES[resource.Type] && resource.Properties?.[IAM_TYPES[resource.Type]!] !== undefined);
  return { capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'], reason: `The following resource(s) require capabilities: [${[...new Set(iam.map(([, resource]) => resource.Type))].join(', ')}]` };
}

/** Refuses a template whose IAM resources the caller did not acknowledge, as AWS does. */
export function checkCapabilities(template: Template, given: unknown): void {
  const { capabilities } = requiredCapabilities(template);
  const list = Array.isArray(given) ? given.map(String) : [];
  const needed = capabilities[0];
  if (!needed) return;
  const ok = needed === 'CAPABILITY_IAM' ? list.includes('CAPABILITY_IAM') || list.includes('CAPABILITY_NAMED_IAM') : list.includes('CAPABILITY_NAMED_IAM');
  if (!ok) throw new InsufficientCapabilitiesException(`Requires capabilities : [${needed}]`);
}

/** The template's parameters as ValidateTemplate lists them. */
export function templateParameters(template: Template): Array<Record<string, unknown>> {
  return Object.entries(template.Parameters ?? {}).map(([key, declaration]) => ({
    ParameterKey: key,
    ...(declaration.Default !== undefined ? { DefaultValue: Array.isArray(declaration.Default) ? declaration.Default.join(',') : String(declaration.Default) } : {}),
    NoEcho: String(declaration.NoEcho) === 'true',
    ...(declaration.Description !== undefined ? { Description: String(declaration.Description) } : {}),
  }));
}

/** GetTemplateSummary's answer for a template. */
export function templateSummary(template: Template): Record<string, unknown> {
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    Parameters: Object.entries(template.Parameters ?? {}).map(([key, declaration]) => ({
      ParameterKey: key,
      ...(declaration.Default !== undefined ? { DefaultValue: String(declaration.Default) } : {}),
      ParameterType: String(declaration.Type ?? 'String'),
      NoEcho: String(declaration.NoEcho) === 'true',
      ...(declaration.Description !== undefined ? { Description: String(declaration.Description) } : {}),
      ParameterConstraints: Array.isArray(declaration.AllowedValues) ? { AllowedValues: declaration.AllowedValues.map(String) } : {},
    })),
    ...(template.Description !== undefined ? { Description: String(template.Description) } : {}),
    Capabilities: capabilities,
    ...(reason ? { CapabilitiesReason: reason } : {}),
    ResourceTypes: [...new Set(Object.values(template.Resources).map((resource) => resource.Type))],
    Version: String(template.AWSTemplateFormatVersion ?? '2010-09-09'),
    ...(template.Metadata ? { Metadata: JSON.stringify(template.Metadata) } : {}),
    DeclaredTransforms: transformsOf(template),
  };
}
