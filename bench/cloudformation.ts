/**
 * CloudFormation benchmark (run with `node bench/cloudformation.ts`; prints figures): the time from
 * CreateStack to CREATE_COMPLETE for a 20-resource stack (tables, queues, topics, subscriptions, an
 * IAM role and policy, a function, a log group), and from DeleteStack to DELETE_COMPLETE, on the
 * emulator. Status is polled every 20 ms, so the figure is the deployment's own time.
 */
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startEmulator } from '../src/emulator/server.ts';
import { percentile, report, since } from './stats.ts';

const RUNS = 5;
const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 2 });

function template(): string {
  const resources: Record<string, unknown> = {
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
    Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'tables', Roles: [{ Ref: 'Role' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: { 'Fn::GetAtt': ['Table0', 'Arn'] } }] } } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'exports.handler = async () => 1;' } } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
  };
  for (let i = 0; i < 4; i++) {
    resources[`Table${i}`] = { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] } };
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue' };
    resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
    resources[`Sub${i}`] = { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: `Topic${i}` }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] } } };
  }
  return JSON.stringify({ Resources: resources });
}

async function until(cfn: CloudFormationClient, stackId: string, done: string): Promise<void> {
  for (;;) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks![0]!.StackStatus!;
    if (status === done) return;
    if (!status.endsWith('_IN_PROGRESS')) throw new Error(`stack ended ${status}, not ${done}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const running = await startEmulator({ port: 0, log: () => {} });
const cfn = new CloudFormationClient(config(running.url));
try {
  const body = template();
  const creates: number[] = [];
  const deletes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const { StackId } = await cfn.send(new CreateStackCommand({ StackName: `bench-${run}`, TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }));
    await until(cfn, StackId!, 'CREATE_COMPLETE');
    creates.push(since(start));
    start = performance.now();
    await cfn.send(new DeleteStackCommand({ StackName: StackId! }));
    await until(cfn, StackId!, 'DELETE_COMPLETE');
    deletes.push(since(start));
  }
  report('emulator: CreateStack -> CREATE_COMPLETE, 20 resources, p50', percentile(creates, 50), 'ms', `${RUNS} stacks, one at a time (DynamoDB tables and Lambda take their AWS-like 250 ms to become ACTIVE/Active)`);
  report('emulator: DeleteStack -> DELETE_COMPLETE, 20 resources, p50', percentile(deletes, 50), 'ms');
  console.log('peer: none in this run (moto server has CloudFormation; a side-by-side run as in bench/sns.ts is still to be added).');
} finally {
  cfn.destroy();
  await running.stop();
}
