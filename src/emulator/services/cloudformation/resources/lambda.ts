/**
 * AWS::Lambda::Function, AWS::Lambda::Permission and AWS::Lambda::EventSourceMapping through
 * Lambda's own operations. Inline `Code.ZipFile` source becomes index.js or index.py in a zip, as
 * CloudFormation packages it; `Code.S3Bucket`/`S3Key` are read from the emulator's S3 by Lambda.
 */
import { strToU8, zipSync } from 'fflate';
import type { Provisioner, ProvisionContext } from './types.ts';
import { booleanOf, ignoringNotFound, numberOf } from './types.ts';

function codeOf(properties: Record<string, any>): Record<string, unknown> {
  const code = properties.Code ?? {};
  if (typeof code.ZipFile === 'string') {
    const file = String(properties.Runtime ?? '').startsWith('python') ? 'index.py' : 'index.js';
    return { ZipFile: Buffer.from(zipSync({ [file]: [strToU8(code.ZipFile), { mtime: new Date('2020-01-01T00:00:00Z') }] })) };
  }
  return { ...(code.S3Bucket ? { S3Bucket: code.S3Bucket } : {}), ...(code.S3Key ? { S3Key: code.S3Key } : {}), ...(code.S3ObjectVersion ? { S3ObjectVersion: code.S3ObjectVersion } : {}), ...(code.ImageUri ? { ImageUri: code.ImageUri } : {}) };
}

function configurationOf(properties: Record<string, any>): Record<string, unknown> {
  return {
    Role: properties.Role,
    Handler: properties.Handler,
    Runtime: properties.Runtime,
    ...(properties.Timeout !== undefined ? { Timeout: numberOf(properties.Timeout) } : {}),
    ...(properties.MemorySize !== undefined ? { MemorySize: numberOf(properties.MemorySize) } : {}),
    ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
    ...(properties.Environment ? { Environment: properties.Environment } : {}),
    ...(properties.TracingConfig ? { TracingConfig: properties.TracingConfig } : {}),
    ...(properties.DeadLetterConfig ? { DeadLetterConfig: properties.DeadLetterConfig } : {}),
  };
}

/** Waits until the function (or one of its versions) is Active and its last update Successful, as CloudFormation does. */
export async function untilReady(name: string, context: ProvisionContext, qualifier?: string): Promise<any> {
  for (;;) {
    const configuration = await context.call('lambda', 'GetFunctionConfiguration', { FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}) });
    if (configuration.State === 'Failed') throw new Error(configuration.StateReason ?? 'the function failed to become Active');
    if (configuration.State === 'Active' && (configuration.LastUpdateStatus ?? 'Successful') !== 'InProgress') return configuration;
    await context.sleep(100);
  }
}

async function setConcurrency(name: string, value: unknown, context: ProvisionContext): Promise<void> {
  if (value === undefined) await ignoringNotFound(context.call('lambda', 'DeleteFunctionConcurrency', { FunctionName: name }));
  else await context.call('lambda', 'PutFunctionConcurrency', { FunctionName: name, ReservedConcurrentExecutions: numberOf(value) });
}

/** AWS::Lambda::Function: Ref is the function name; Arn for Fn::GetAtt. */
export const lambdaFunction: Provisioner = {
  properties: ['FunctionName', 'Code', 'Handler', 'Runtime', 'Role', 'Timeout', 'MemorySize', 'Description', 'Environment', 'TracingConfig', 'DeadLetterConfig', 'Architectures', 'ReservedConcurrentExecutions', 'Tags', 'PackageType'],
  required: ['Code', 'Role'],
  replaceOn: ['FunctionName'],
  nameProperty: 'FunctionName',
  async create(properties, context) {
    const name = properties.FunctionName ?? context.generatedName(64);
    const tags = Array.isArray(properties.Tags) ? Object.fromEntries(properties.Tags.map((tag: any) => [tag.Key, String(tag.Value)])) : undefined;
    await context.call('lambda', 'CreateFunction', {
      FunctionName: name,
      Code: codeOf(properties),
      ...configurationOf(properties),
      ...(properties.Architectures ? { Architectures: properties.Architectures } : {}),
      ...(properties.PackageType ? { PackageType: properties.PackageType } : {}),
      ...(tags ? { Tags: tags } : {}),
    });
    if (properties.ReservedConcurrentExecutions !== undefined) await setConcurrency(name, properties.ReservedConcurrentExecutions, context);
    const configuration = await untilReady(name, context);
    return { physicalId: name, attributes: { Arn: configuration.FunctionArn } };
  },
  async update(properties, existing, context) {
    const name = existing.physicalId;
    const before = existing.properties;
    if (JSON.stringify(configurationOf(properties)) !== JSON.stringify(configurationOf(before))) {
      await context.call('lambda', 'UpdateFunctionConfiguration', { FunctionName: name, ...configurationOf(properties), ...(properties.Environment ? {} : { Environment: { Variables: {} } }) });
      await untilReady(name, context);
    }
    if (JSON.stringify(properties.Code) !== JSON.stringify(before.Code) || JSON.stringify(properties.Architectures) !== JSON.stringify(before.Architectures)) {
      await context.call('lambda', 'UpdateFunctionCode', { FunctionName: name, ...codeOf(properties), ...(properties.Architectures ? { Architectures: properties.Architectures } : {}) });
    }
    if (properties.ReservedConcurrentExecutions !== before.ReservedConcurrentExecutions) await setConcurrency(name, properties.ReservedConcurrentExecutions, context);
    const configuration = await untilReady(name, context);
    return { physicalId: name, attributes: { Arn: configuration.FunctionArn } };
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('lambda', 'DeleteFunction', { FunctionName: existing.physicalId }));
  },
};

/** AWS::Lambda::Permission: a statement of the function's resource policy; every change replaces it. */
export const lambdaPermission: Provisioner = {
  properties: ['FunctionName', 'Action', 'Principal', 'SourceArn', 'SourceAccount', 'EventSourceToken', 'FunctionUrlAuthType', 'PrincipalOrgID'],
  required: ['FunctionName', 'Action', 'Principal'],
  async create(properties, context) {
    const statementId = context.generatedName(100);
    await context.call('lambda', 'AddPermission', { ...properties, StatementId: statementId });
    return { physicalId: statementId };
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('lambda', 'RemovePermission', { FunctionName: existing.properties.FunctionName, StatementId: existing.physicalId }));
  },
};

const MAPPING_SETTINGS = ['BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'ScalingConfig', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'ParallelizationFactor', 'DestinationConfig', 'TumblingWindowInSeconds'];

function mappingSettings(properties: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of MAPPING_SETTINGS) {
    if (properties[name] === undefined) continue;
    out[name] = name === 'Enabled' || name === 'BisectBatchOnFunctionError' ? booleanOf(properties[name]) : ['BatchSize', 'MaximumBatchingWindowInSeconds', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'TumblingWindowInSeconds'].includes(name) ? numberOf(properties[name]) : properties[name];
  }
  return out;
}

/** AWS::Lambda::EventSourceMapping: Ref is the mapping's UUID; Id and EventSourceMappingArn for Fn::GetAtt. */
export const lambdaEventSourceMapping: Provisioner = {
  properties: ['FunctionName', 'EventSourceArn', 'StartingPosition', 'StartingPositionTimestamp', ...MAPPING_SETTINGS],
  required: ['FunctionName'],
  replaceOn: ['EventSourceArn', 'StartingPosition', 'StartingPositionTimestamp'],
  async create(properties, context) {
    const answer = await context.call('lambda', 'CreateEventSourceMapping', {
      FunctionName: properties.FunctionName,
      EventSourceArn: properties.EventSourceArn,
      ...(properties.StartingPosition ? { StartingPosition: properties.StartingPosition } : {}),
      ...mappingSettings(properties),
    });
    return { physicalId: answer.UUID, attributes: { Id: answer.UUID, ...(answer.EventSourceMappingArn ? { EventSourceMappingArn: answer.EventSourceMappingArn } : {}) } };
  },
  async update(properties, existing, context) {
    await context.call('lambda', 'UpdateEventSourceMapping', { UUID: existing.physicalId, FunctionName: properties.FunctionName, ...mappingSettings(properties) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('lambda', 'DeleteEventSourceMapping', { UUID: existing.physicalId }));
  },
};
