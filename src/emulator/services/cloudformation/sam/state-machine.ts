/** AWS::Serverless::StateMachine: an AWS::StepFunctions::StateMachine with its role `<Machine>Role` from Policies. */
import type { TemplateResource } from '../template.ts';
import { InvalidSamResource, unsupported } from './errors.ts';
import { executionRole } from './role.ts';
import { resourceAttributes, samTags } from './shared.ts';

const PROPERTIES = ['Definition', 'DefinitionUri', 'DefinitionSubstitutions', 'Name', 'Type', 'Role', 'Policies', 'Tags', 'Logging', 'Tracing', 'PropagateTags', 'RolePath'];
const REFUSED: Record<string, string> = {
  Events: 'Start executions from a function (StepFunctionsExecutionPolicy) or an AWS::Events::Rule of your own.',
  AutoPublishAlias: 'Remove it: state machine versions and aliases are not deployed by the emulator yet.',
  DeploymentPreference: 'Remove it together with AutoPublishAlias.',
  PermissionsBoundary: 'Remove it: the emulator does not apply permissions boundaries.',
};

/** The state machine and (unless Role is given) its role. */
export function expandStateMachine(logicalId: string, resource: TemplateResource): Record<string, TemplateResource> {
  const properties = resource.Properties ?? {};
  for (const name of Object.keys(properties)) {
    if (Object.hasOwn(REFUSED, name)) throw unsupported(logicalId, `The property '${name}'`, REFUSED[name]!);
    if (!PROPERTIES.includes(name)) throw new InvalidSamResource(logicalId, `property ${name} not defined for resource of type AWS::Serverless::StateMachine`);
  }
  if ((properties.Definition === undefined) === (properties.DefinitionUri === undefined)) throw new InvalidSamResource(logicalId, "Specify exactly one of 'Definition' or 'DefinitionUri'.");
  if (properties.DefinitionUri !== undefined) throw unsupported(logicalId, "'DefinitionUri'", 'Put the state machine definition inline with Definition (YAML or JSON), with DefinitionSubstitutions for the ARNs it uses.');
  const roleId = `${logicalId}Role`;
  const tags = samTags('stateMachine:createdBy', properties.Tags);
  const machine: Record<string, unknown> = {
    Definition: properties.Definition,
    RoleArn: properties.Role ?? { 'Fn::GetAtt': [roleId, 'Arn'] },
    Tags: tags,
  };
  if (properties.DefinitionSubstitutions !== undefined) machine.DefinitionSubstitutions = properties.DefinitionSubstitutions;
  if (properties.Name !== undefined) machine.StateMachineName = properties.Name;
  if (properties.Type !== undefined) machine.StateMachineType = properties.Type;
  if (properties.Logging !== undefined) machine.LoggingConfiguration = properties.Logging;
  if (properties.Tracing !== undefined) machine.TracingConfiguration = properties.Tracing;
  const out: Record<string, TemplateResource> = { [logicalId]: { Type: 'AWS::StepFunctions::StateMachine', ...resourceAttributes(resource), Properties: machine } };
  if (properties.Role === undefined) {
    out[roleId] = executionRole({
      owner: logicalId,
      logicalId: roleId,
      service: 'states.amazonaws.com',
      managed: [],
      policies: properties.Policies,
      tags,
      ...(properties.RolePath !== undefined ? { path: properties.RolePath } : {}),
      ...(resource.Condition ? { condition: resource.Condition } : {}),
    });
  }
  return out;
}
