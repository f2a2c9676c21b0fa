/**
 * CloudFormation: stacks from JSON or YAML templates (short forms included) with parameters,
 * conditions, mappings, the intrinsic functions, outputs and cross-stack exports, deployed in
 * dependency order through the same operations a client would call, with AWS's status machine,
 * rollbacks and events; change sets; templates from TemplateBody or the emulator's S3.
 * LIMITATIONS: the resource types in resources/index.ts only (any other fails the stack with
 * "not supported by the workshop emulator"), and of those only the properties each lists (S3
 * buckets: name, tags and lifecycle, with encryption, versioning, public access block and ACL
 * recorded but not applied; AWS::ECR::Repository, AWS::KMS::Key and AWS::KMS::Alias recorded
 * with no service behind them, each COMPLETE event saying so); of transforms only SAM's (sam/index.ts, with its own limits); no nested stacks, custom resources, stack
 * policies, drift detection, stack sets, termination protection, rollback triggers,
 * notifications, resource import, hooks or Fn::Length/Fn::ToJsonString; Fn::Cidr for IPv4 only,
 * Fn::GetAZs gives three zones; inline Lambda code gets no cfn-response module; an IAM role's
 * trust policy cannot change in place; resources of a failed create that were still running
 * finish instead of being cancelled; a stack running when the emulator stops is marked failed
 * when it starts again.
 */
import type { ServiceDefinition } from '../../types.ts';
import { changeSetSummary, changeSetView, CreateChangeSet, DeleteChangeSet, ExecuteChangeSet, findChangeSet } from './change-sets.ts';
import { ValidationError } from './errors.ts';
import { SERVICE_NAME } from './events.ts';
import { createCloudFormationState, findStack, isDeleted, type CloudFormationState } from './model.ts';
import { CreateStack, DeleteStack, UpdateStack } from './stacks.ts';
import { checkedTemplate, templateBodyOf, templateParameters, templateSummary, requiredCapabilities } from './template-source.ts';
import { page, resourceDetail, resourceSummary, resourceView, stackSummary, stackView } from './views.ts';
import { loadYamlParser, parseTemplate } from './template.ts';
import { transformsOf, wasTransformed } from './sam/index.ts';

const newestFirst = <T extends { creationTime: Date }>(items: T[]) => [...items].sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime());

/** The CloudFormation service definition. */
export const cloudFormationService: ServiceDefinition<CloudFormationState> = {
  name: SERVICE_NAME,
  signingNames: ['cloudformation'],
  protocol: 'query',
  xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  createState: createCloudFormationState,
  prepare: loadYamlParser,
  start(emulator) {
    for (const { state } of emulator.store.scopesOf<CloudFormationState>(SERVICE_NAME)) {
      for (const stack of Object.values(state.stacks)) {
        if (!stack.status.endsWith('_IN_PROGRESS') || stack.status === 'REVIEW_IN_PROGRESS') continue;
        stack.status = stack.status.startsWith('DELETE') ? 'DELETE_FAILED' : stack.status.replace(/(_COMPLETE_CLEANUP)?_IN_PROGRESS$/, '_FAILED');
        stack.statusReason = 'The emulator stopped while this stack operation ran. Delete the stack and deploy it again.';
      }
    }
  },
  operations: {
    CreateStack,
    UpdateStack,
    DeleteStack,
    DescribeStacks(input, { state }) {
      if (input.StackName !== undefined) return { Stacks: [stackView(findStack(state, input.StackName))] };
      const { items, NextToken } = page(newestFirst(Object.values(state.stacks).filter((stack) => !isDeleted(stack))), input.NextToken, 100);
      return { Stacks: items.map(stackView), ...(NextToken ? { NextToken } : {}) };
    },
    ListStacks(input, { state }) {
      const filter: string[] = Array.isArray(input.StackStatusFilter) ? input.StackStatusFilter.map(String) : [];
      const stacks = newestFirst(Object.values(state.stacks)).filter((stack) => filter.length === 0 || filter.includes(stack.status));
      const { items, NextToken } = page(stacks, input.NextToken, 100);
      return { StackSummaries: items.map(stackSummary), ...(NextToken ? { NextToken } : {}) };
    },
    DescribeStackEvents(input, { state }) {
      const { items, NextToken } = page(findStack(state, input.StackName).events, input.NextToken, 100);
      return { StackEvents: items, ...(NextToken ? { NextToken } : {}) };
    },
    DescribeStackResource(input, { state }) {
      const stack = findStack(state, input.StackName);
      const resource = stack.resources[String(input.LogicalResourceId ?? '')];
      if (!resource) throw new ValidationError(`Resource ${String(input.LogicalResourceId)} does not exist for stack ${stack.StackName}`);
      return { StackResourceDetail: resourceDetail(stack, resource) };
    },
    DescribeStackResources(input, { state }) {
      let stack;
      if (input.StackName !== undefined) stack = findStack(state, input.StackName);
      else if (input.PhysicalResourceId !== undefined) {
        stack = Object.values(state.stacks).find((candidate) => !isDeleted(candidate) && Object.values(candidate.resources).some((resource) => resource.physicalId === input.PhysicalResourceId));
        if (!stack) throw new ValidationError(`Stack for ${String(input.PhysicalResourceId)} does not exist`);
      } else throw new ValidationError('Either StackName or PhysicalResourceId must be specified.');
      const resources = Object.values(stack.resources).filter((resource) => input.LogicalResourceId === undefined || resource.logicalId === input.LogicalResourceId);
      return { StackResources: resources.map((resource) => resourceView(stack, resource)) };
    },
    ListStackResources(input, { state }) {
      const stack = findStack(state, input.StackName);
      const { items, NextToken } = page(Object.values(stack.resources), input.NextToken, 100);
      return { StackResourceSummaries: items.map(resourceSummary), ...(NextToken ? { NextToken } : {}) };
    },
    GetTemplate(input, { state }) {
      const body = input.ChangeSetName !== undefined ? findChangeSet(state, input.ChangeSetName, input.StackName).templateBody : findStack(state, input.StackName).templateBody;
      const processed = input.TemplateStage === 'Processed' && body !== '' ? parseTemplate(body) : undefined;
      return { TemplateBody: processed && wasTransformed(processed) ? JSON.stringify(processed) : body, StagesAvailable: ['Original', 'Processed'] };
    },
    async GetTemplateSummary(input, context) {
      const body = input.StackName !== undefined && input.TemplateBody === undefined && input.TemplateURL === undefined ? findStack(context.state, input.StackName).templateBody : await templateBodyOf(input, context.emulator, context);
      return templateSummary(parseTemplate(body));
    },
    async ValidateTemplate(input, context) {
      const template = checkedTemplate(await templateBodyOf(input, context.emulator, context));
      const { capabilities, reason } = requiredCapabilities(template);
      return {
        Parameters: templateParameters(template),
        ...(template.Description !== undefined ? { Description: String(template.Description) } : {}),
        Capabilities: capabilities,
        ...(reason ? { CapabilitiesReason: reason } : {}),
        DeclaredTransforms: transformsOf(template),
      };
    },
    CreateChangeSet,
    ExecuteChangeSet,
    DeleteChangeSet,
    DescribeChangeSet: (input, { state }) => changeSetView(findChangeSet(state, input.ChangeSetName, input.StackName)),
    ListChangeSets(input, { state }) {
      const stack = findStack(state, input.StackName);
      const sets = Object.values(state.changeSets).filter((set) => set.StackId === stack.StackId);
      return { Summaries: sets.map(changeSetSummary) };
    },
    ListExports(input, { state }) {
      const exports = Object.entries(state.exports).map(([Name, { stackId, value }]) => ({ ExportingStackId: stackId, Name, Value: value }));
      const { items, NextToken } = page(exports, input.NextToken, 100);
      return { Exports: items, ...(NextToken ? { NextToken } : {}) };
    },
  },
};
