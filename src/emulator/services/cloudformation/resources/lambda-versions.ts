/** AWS::Lambda::Version and AWS::Lambda::Alias through Lambda's PublishVersion and CreateAlias, UpdateAlias and DeleteAlias. */
import type { Provisioner } from './types.ts';
import { ignoringNotFound } from './types.ts';
import { untilReady } from './lambda.ts';

/** AWS::Lambda::Version: Ref is the version's ARN; Version for Fn::GetAtt. Every change publishes a new one. */
export const lambdaVersion: Provisioner = {
  properties: ['FunctionName', 'Description', 'CodeSha256'],
  required: ['FunctionName'],
  async create(properties, context) {
    const answer = await context.call('lambda', 'PublishVersion', { FunctionName: properties.FunctionName, ...(properties.Description !== undefined ? { Description: properties.Description } : {}), ...(properties.CodeSha256 !== undefined ? { CodeSha256: properties.CodeSha256 } : {}) });
    // CloudFormation completes a version once it can be invoked: a new version is Pending for a moment.
    await untilReady(String(properties.FunctionName), context, String(answer.Version));
    return { physicalId: answer.FunctionArn, attributes: { Version: answer.Version, FunctionArn: answer.FunctionArn } };
  },
  async delete(existing, context) {
    const version = String(existing.attributes?.Version ?? existing.physicalId.split(':').pop());
    await ignoringNotFound(context.call('lambda', 'DeleteFunction', { FunctionName: existing.properties.FunctionName, Qualifier: version }));
  },
};

/** AWS::Lambda::Alias: Ref is the alias ARN; AliasArn for Fn::GetAtt. */
export const lambdaAlias: Provisioner = {
  properties: ['FunctionName', 'Name', 'FunctionVersion', 'Description', 'RoutingConfig'],
  required: ['FunctionName', 'Name', 'FunctionVersion'],
  replaceOn: ['FunctionName', 'Name'],
  async create(properties, context) {
    const answer = await context.call('lambda', 'CreateAlias', { FunctionName: properties.FunctionName, Name: properties.Name, FunctionVersion: String(properties.FunctionVersion), ...(properties.Description !== undefined ? { Description: properties.Description } : {}), ...(properties.RoutingConfig !== undefined ? { RoutingConfig: properties.RoutingConfig } : {}) });
    return { physicalId: answer.AliasArn, attributes: { AliasArn: answer.AliasArn } };
  },
  async update(properties, existing, context) {
    await context.call('lambda', 'UpdateAlias', { FunctionName: properties.FunctionName, Name: properties.Name, FunctionVersion: String(properties.FunctionVersion), Description: properties.Description ?? '', ...(properties.RoutingConfig !== undefined ? { RoutingConfig: properties.RoutingConfig } : {}) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('lambda', 'DeleteAlias', { FunctionName: existing.properties.FunctionName, Name: existing.properties.Name }));
  },
};
