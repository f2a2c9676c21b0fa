/** Undoing a lab: deleting its named resources, and restoring the starter files the kit ships. */
import { DeleteApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteEventBusCommand, DeleteRuleCommand, ListTargetsByRuleCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteRoleCommand, DetachRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { DeleteFunctionCommand, ListEventSourceMappingsCommand, DeleteEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AwsClients } from './clients.ts';
import { coreMessage } from './core-messages.ts';
import type { Message } from './i18n/texts.ts';
import type { LabDefinition } from './lab-schema.ts';
import { KIT_ROOT } from './kit.ts';
import type { Lab } from './labs.ts';
import { readStarterManifest, starterContent } from './starters.ts';
import { deleteStackAndWait, findStack } from './stack-deploy.ts';
import { stackMessage } from './stack-messages.ts';

const MISSING = new Set(['NoSuchBucket', 'NotFoundException', 'ResourceNotFoundException', 'NoSuchEntityException', 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

async function attempt(label: Message, deleted: Message[], step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
    deleted.push(label);
  } catch (error) {
    if (!MISSING.has((error as Error).name)) throw error;
  }
}

/** Deletes a lab's resources (missing ones are skipped); returns what was deleted, named in both languages. */
export async function deleteLabResources(clients: AwsClients, resources: LabDefinition['resources'], functions: string[]): Promise<Message[]> {
  const deleted: Message[] = [];
  for (const rule of resources.rules) {
    const [bus, name] = rule.includes('/') ? (rule.split('/') as [string, string]) : ['default', rule];
    await attempt(coreMessage('rule', { name: rule }), deleted, async () => {
      const { Targets = [] } = await clients.eventbridge.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: bus }));
      if (Targets.length > 0) await clients.eventbridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: Targets.map((target) => target.Id!) }));
      await clients.eventbridge.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
    });
  }
  for (const bus of resources.buses) await attempt(coreMessage('bus', { name: bus }), deleted, () => clients.eventbridge.send(new DeleteEventBusCommand({ Name: bus })));
  for (const name of [...new Set([...functions, ...resources.functions])]) {
    await attempt(coreMessage('function', { name }), deleted, async () => {
      const { EventSourceMappings = [] } = await clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: name }));
      for (const mapping of EventSourceMappings) await clients.lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }));
      await clients.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    });
  }
  for (const table of resources.tables) await attempt(coreMessage('table', { name: table }), deleted, () => clients.dynamodb.send(new DeleteTableCommand({ TableName: table })));
  for (const queue of resources.queues) {
    await attempt(coreMessage('queue', { name: queue }), deleted, async () => {
      const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
      await clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    });
  }
  if (resources.apis.length > 0) {
    // APIs have ids, not names: every API with a lab's name is the lab's.
    let nextToken: string | undefined;
    do {
      const page = await clients.apigateway.send(new GetApisCommand({ NextToken: nextToken }));
      for (const api of page.Items ?? []) {
        if (resources.apis.includes(api.Name ?? '')) await attempt(coreMessage('api', { name: api.Name! }), deleted, () => clients.apigateway.send(new DeleteApiCommand({ ApiId: api.ApiId })));
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  for (const role of resources.roles) {
    await attempt(coreMessage('role', { name: role }), deleted, async () => {
      const { AttachedPolicies = [] } = await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }));
      for (const policy of AttachedPolicies) await clients.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: policy.PolicyArn }));
      await clients.iam.send(new DeleteRoleCommand({ RoleName: role }));
    });
  }
  return deleted;
}

/** Deletes the stack `workshop deploy` made for a lab, then its package bucket with every object in it. */
export async function deleteLabStack(cfn: CloudFormationClient, clients: AwsClients, stackName: string, bucket: string): Promise<Message[]> {
  const deleted: Message[] = [];
  const stack = await findStack(cfn, stackName);
  if (stack) {
    await deleteStackAndWait(cfn, stack);
    deleted.push(stackMessage('stack', { name: stackName }));
  }
  await attempt(stackMessage('bucket', { name: bucket }), deleted, async () => {
    let token: string | undefined;
    do {
      const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
      if (keys.length > 0) await clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
      token = page.NextContinuationToken;
    } while (token);
    await clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });
  return deleted;
}

/**
 * Copies the learner's files of a lab to `.workshop/backups/<lab>-<time>/`, then puts back the
 * versions the kit ships (labs/starters.json names them; git keeps their content).
 */
export function restoreStarterFiles(lab: Lab, labDir: string, now = new Date()): string {
  const backup = join(process.cwd(), '.workshop', 'backups', `${lab.id}-${now.toISOString().replace(/[:.]/g, '-')}`);
  const manifest = readStarterManifest();
  const starters = lab.definition.files.map((file) => [file, starterContent(lab, file, KIT_ROOT, manifest)] as const);
  mkdirSync(backup, { recursive: true });
  for (const [file, content] of starters) {
    const current = join(labDir, file);
    if (existsSync(current)) {
      mkdirSync(dirname(join(backup, file)), { recursive: true });
      cpSync(current, join(backup, file));
    }
    mkdirSync(dirname(current), { recursive: true });
    writeFileSync(current, content);
  }
  return backup;
}
