/** More SAM sources on the emulator: an SNS topic, a DynamoDB stream and a SAM state machine whose role's policy template lets it invoke a function. */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type Capability } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { cfnClientOf, createAndWait, deleteAndWait, eventLines } from './cloudformation-support.ts';
import { snsClientOf } from './sns-support.ts';

// Records where each call came from in the audit table: an SNS notification, a stream record, or a direct invoke by the state machine.
const CODE = `
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
const note = (id, from) => db.send(new PutItemCommand({ TableName: process.env.AUDIT, Item: { id: { S: id }, from: { S: from } } }));
exports.handler = async (event) => {
  for (const record of event.Records ?? []) {
    if (record.Sns) await note(record.Sns.Message, 'sns');
    if (record.dynamodb && record.dynamodb.NewImage) await note(record.dynamodb.NewImage.id.S, 'stream');
  }
  if (event.orderId) { await note(event.orderId, 'workflow'); return { paid: true }; }
  return {};
};`;

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    Timeout: 10
    Environment: { Variables: { AUDIT: !Ref Audit } }
Resources:
  Audit: { Type: AWS::Serverless::SimpleTable }
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Paid: { Type: AWS::SNS::Topic }
  Auditor:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${JSON.stringify(CODE)}
      Policies: [{ DynamoDBWritePolicy: { TableName: !Ref Audit } }]
      Events:
        Notified: { Type: SNS, Properties: { Topic: !Ref Paid } }
        Changed: { Type: DynamoDB, Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: TRIM_HORIZON, BatchSize: 1 } }
  Checkout:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Pay
        States:
          Pay: { Type: Task, Resource: arn:aws:states:::lambda:invoke, Parameters: { FunctionName: '\${Fn}', 'Payload.$': '$' }, OutputPath: $.Payload, End: true }
      DefinitionSubstitutions: { Fn: !GetAtt Auditor.Arn }
      Policies: [{ LambdaInvokePolicy: { FunctionName: !Ref Auditor } }]
Outputs:
  Audit: { Value: !Ref Audit }
  Orders: { Value: !Ref Orders }
  Topic: { Value: !Ref Paid }
  Machine: { Value: !Ref Checkout }
`;

describe('SAM event sources and state machines', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const sns = snsClientOf(emulator);

  it('delivers SNS messages and stream records to the function, and runs the state machine through its generated role', async () => {
    const stack = await createAndWait(cfn(), 'sam-flows', TEMPLATE, [], { Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] as Capability[] });
    expect(stack.StackStatus, (await eventLines(cfn(), 'sam-flows')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
    const out = Object.fromEntries(stack.Outputs!.map((item) => [item.OutputKey, item.OutputValue!]));
    const from = async (id: string) => (await emulator.clients.dynamodb.send(new GetItemCommand({ TableName: out.Audit, Key: { id: { S: id } } }))).Item?.from?.S;

    await sns().send(new PublishCommand({ TopicArn: out.Topic, Message: 'o-1' }));
    expect(await eventually(() => from('o-1'), 20_000)).toBe('sns');
    await emulator.clients.dynamodb.send(new PutItemCommand({ TableName: out.Orders, Item: { id: { S: 'o-2' } } }));
    expect(await eventually(() => from('o-2'), 20_000)).toBe('stream');

    const { executionArn } = await emulator.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: out.Machine, input: JSON.stringify({ orderId: 'o-3' }) }));
    const done = await eventually(async () => {
      const execution = await emulator.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    }, 20_000);
    expect(done.status, done.cause).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ paid: true });
    expect(await from('o-3')).toBe('workflow');
    expect(await deleteAndWait(cfn(), 'sam-flows')).toBe('DELETE_COMPLETE');
  }, 120_000);
});
