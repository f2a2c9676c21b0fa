/** AWS::StepFunctions::StateMachine through Step Functions' CreateStateMachine, UpdateStateMachine and DeleteStateMachine. */
import type { Provisioner } from './types.ts';
import { ignoringNotFound } from './types.ts';

/** The definition as text: Definition (an object) or DefinitionString, with DefinitionSubstitutions applied. */
function definitionOf(properties: Record<string, any>): string {
  let text = properties.DefinitionString ?? JSON.stringify(properties.Definition ?? {});
  for (const [key, value] of Object.entries(properties.DefinitionSubstitutions ?? {})) text = text.split(`\${${key}}`).join(String(value));
  return text;
}

const lowerTags = (tags: unknown) => (Array.isArray(tags) ? tags.map((tag: any) => ({ key: String(tag.Key), value: String(tag.Value) })) : undefined);

/** AWS::StepFunctions::StateMachine: Ref is the ARN; Arn, Name and StateMachineRevisionId for Fn::GetAtt. */
export const stepFunctionsStateMachine: Provisioner = {
  properties: ['StateMachineName', 'StateMachineType', 'RoleArn', 'Definition', 'DefinitionString', 'DefinitionSubstitutions', 'LoggingConfiguration', 'TracingConfiguration', 'Tags'],
  required: ['RoleArn'],
  replaceOn: ['StateMachineName', 'StateMachineType'],
  nameProperty: 'StateMachineName',
  async create(properties, context) {
    const name = properties.StateMachineName ?? context.generatedName(80);
    const tags = lowerTags(properties.Tags);
    const answer = await context.call('stepfunctions', 'CreateStateMachine', {
      name,
      definition: definitionOf(properties),
      roleArn: properties.RoleArn,
      type: properties.StateMachineType ?? 'STANDARD',
      ...(properties.LoggingConfiguration ? { loggingConfiguration: properties.LoggingConfiguration } : {}),
      ...(properties.TracingConfiguration ? { tracingConfiguration: { enabled: properties.TracingConfiguration.Enabled === true || properties.TracingConfiguration.Enabled === 'true' } } : {}),
      ...(tags ? { tags } : {}),
    });
    const { revisionId } = await context.call('stepfunctions', 'DescribeStateMachine', { stateMachineArn: answer.stateMachineArn });
    return { physicalId: answer.stateMachineArn, attributes: { Arn: answer.stateMachineArn, Name: name, StateMachineRevisionId: revisionId } };
  },
  async update(properties, existing, context) {
    const { revisionId } = await context.call('stepfunctions', 'UpdateStateMachine', { stateMachineArn: existing.physicalId, definition: definitionOf(properties), roleArn: properties.RoleArn });
    return { ...existing, attributes: { ...existing.attributes, StateMachineRevisionId: revisionId } };
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('stepfunctions', 'DeleteStateMachine', { stateMachineArn: existing.physicalId }));
  },
};
