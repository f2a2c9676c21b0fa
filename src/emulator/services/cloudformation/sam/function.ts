/** AWS::Serverless::Function: the AWS::Lambda::Function, its execution role `<Fn>Role`, and the resources of its Events. */
import type { TemplateResource } from '../template.ts';
import { autoPublish } from './alias.ts';
import { functionCode } from './code.ts';
import { InvalidSamResource, unsupported } from './errors.ts';
import { eventResources, type EventContext } from './events.ts';
import { executionRole } from './role.ts';
import { resourceAttributes, samTags } from './shared.ts';

/** Properties copied to AWS::Lambda::Function as they are. */
const DIRECT = ['FunctionName', 'Handler', 'Runtime', 'Timeout', 'MemorySize', 'Description', 'Environment', 'Architectures', 'ReservedConcurrentExecutions', 'PackageType', 'KmsKeyArn', 'Layers', 'VpcConfig', 'EphemeralStorage', 'LoggingConfig', 'RuntimeManagementConfig', 'ImageConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'RecursiveLoop'];
/** Properties SAM turns into something else, handled below. */
const TRANSLATED = ['CodeUri', 'InlineCode', 'ImageUri', 'Policies', 'Role', 'Events', 'Tags', 'Tracing', 'DeadLetterQueue', 'AssumeRolePolicyDocument', 'RolePath', 'PropagateTags', 'AutoPublishAlias', 'AutoPublishCodeSha256', 'VersionDescription'];
/** SAM properties that need resources the workshop emulator does not deploy, and what to do instead. */
const REFUSED: Record<string, string> = {
  DeploymentPreference: 'Gradual deployments need CodeDeploy, which the emulator does not have: remove it.',
  ProvisionedConcurrencyConfig: 'Remove it: provisioned concurrency needs a published alias.',
  EventInvokeConfig: 'Remove it and set the retries and destinations with `aws lambda put-function-event-invoke-config` after the deploy.',
  FunctionUrlConfig: 'It needs AWS::Lambda::Url, which the emulator does not deploy yet: create the URL with `aws lambda create-function-url-config` after the deploy.',
  SnapStart: 'Remove it: SnapStart needs published versions.',
  PermissionsBoundary: 'Remove it: the emulator does not apply permissions boundaries.',
  AutoPublishAliasAllProperties: 'Remove it: every new version follows the code only.',
};

/** The CloudFormation resources of one AWS::Serverless::Function. */
export function expandFunction(logicalId: string, resource: TemplateResource, context: EventContext): Record<string, TemplateResource> {
  const properties = resource.Properties ?? {};
  for (const name of Object.keys(properties)) {
    if (Object.hasOwn(REFUSED, name)) throw unsupported(logicalId, `The property '${name}'`, REFUSED[name]!);
    if (!DIRECT.includes(name) && !TRANSLATED.includes(name)) throw new InvalidSamResource(logicalId, `property ${name} not defined for resource of type AWS::Serverless::Function`);
  }
  const condition = resource.Condition;
  const roleId = `${logicalId}Role`;
  const tags = samTags('lambda:createdBy', properties.Tags);
  const out: Record<string, TemplateResource> = {};
  const code = functionCode(logicalId, properties);
  const published = properties.AutoPublishAlias !== undefined ? autoPublish(logicalId, properties, code, condition) : undefined;
  const events = eventResources(logicalId, properties.Events, { ...context, ...(condition ? { condition } : {}), ...(published ? { target: published.target } : {}) });
  const fn: Record<string, unknown> = { Code: code };
  for (const name of DIRECT) if (properties[name] !== undefined) fn[name] = properties[name];
  fn.Role = properties.Role ?? { 'Fn::GetAtt': [roleId, 'Arn'] };
  fn.Tags = tags;
  if (properties.Tracing !== undefined && properties.Tracing !== 'Disabled') fn.TracingConfig = { Mode: properties.Tracing };
  if (properties.DeadLetterQueue !== undefined) fn.DeadLetterConfig = { TargetArn: (properties.DeadLetterQueue as Record<string, unknown>).TargetArn };
  out[logicalId] = { Type: 'AWS::Lambda::Function', ...resourceAttributes(resource), Properties: fn };
  if (properties.Role === undefined) {
    const deadLetter = properties.DeadLetterQueue as Record<string, unknown> | undefined;
    const deadLetterPolicy = deadLetter ? [{ Statement: [{ Effect: 'Allow', Action: deadLetter.Type === 'SNS' ? 'sns:Publish' : 'sqs:SendMessage', Resource: deadLetter.TargetArn }] }] : [];
    const policies = [...(properties.Policies === undefined ? [] : Array.isArray(properties.Policies) ? properties.Policies : [properties.Policies]), ...deadLetterPolicy];
    out[roleId] = executionRole({
      owner: logicalId,
      logicalId: roleId,
      service: 'lambda.amazonaws.com',
      managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', ...events.managedPolicies],
      policies,
      tags,
      ...(properties.AssumeRolePolicyDocument !== undefined ? { assumeRolePolicyDocument: properties.AssumeRolePolicyDocument } : {}),
      ...(properties.RolePath !== undefined ? { path: properties.RolePath } : {}),
      ...(condition ? { condition } : {}),
    });
  }
  return { ...out, ...published?.resources, ...events.resources };
}
