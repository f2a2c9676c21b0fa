/**
 * A tiny CDK app (a function with inline code, a DynamoDB table, an SQS queue, an EventBridge rule
 * and an HTTP API route to the function) written into a throw-away folder, and the real `cdk` CLI
 * run on it against an emulator: what test/emulator/cdk-deploy.test.ts and bench/cdk.ts share.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientEnv } from './real-clients.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CDK_CLI = join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

// The function stores an order event in the table and queues it; an HTTP GET reads the order back.
// Its SDK calls are signed with the execution role's session keys, so the CDK's grants are what let them through.
const HANDLER = `
const { DynamoDBClient, GetItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});
exports.handler = async (event) => {
  if (event.source === 'shop.orders') {
    const id = String(event.detail.id);
    await dynamodb.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: id }, total: { N: String(event.detail.total) } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE, MessageBody: JSON.stringify({ placed: id }) }));
    return { stored: id };
  }
  const id = event.queryStringParameters && event.queryStringParameters.id;
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: String(id) } } }));
  return { statusCode: Item ? 200 : 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify(Item ? { id: Item.id.S, total: Number(Item.total.N) } : { message: 'no such order' }) };
};
`;

const APP = `
import { App, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';

const app = new App();
const stack = new Stack(app, 'CdkShop');
const table = new dynamodb.Table(stack, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, removalPolicy: RemovalPolicy.DESTROY });
const queue = new sqs.Queue(stack, 'Placed');
const fn = new lambda.Function(stack, 'OrdersHandler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(${JSON.stringify(HANDLER)}),
  environment: { TABLE: table.tableName, QUEUE: queue.queueUrl },
});
table.grantReadWriteData(fn);
queue.grantSendMessages(fn);
new events.Rule(stack, 'OrderPlaced', { eventPattern: { source: ['shop.orders'], detailType: ['OrderPlaced'] }, targets: [new targets.LambdaFunction(fn)] });
const api = new apigwv2.HttpApi(stack, 'Api');
api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Orders', fn) });
new CfnOutput(stack, 'ApiUrl', { value: api.apiEndpoint });
new CfnOutput(stack, 'TableName', { value: table.tableName });
new CfnOutput(stack, 'QueueUrl', { value: queue.queueUrl });
new CfnOutput(stack, 'FunctionName', { value: fn.functionName });
app.synth();
`;

/** Writes the app into `folder` (app.mjs, cdk.json, and node_modules linked to the kit's own). */
export function writeCdkApp(folder: string): void {
  mkdirSync(join(folder, 'home'), { recursive: true });
  writeFileSync(join(folder, 'app.mjs'), APP);
  // The CLI runs the app with this Node (24), not whichever `node` comes first on PATH.
  writeFileSync(join(folder, 'cdk.json'), JSON.stringify({ app: `"${process.execPath}" app.mjs` }));
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
}

/** The outcome of one `cdk` command. */
export interface CdkRun {
  code: number;
  output: string;
}

/**
 * Runs `cdk <args>` in `folder` against the emulator at `url`: test credentials, the emulator as
 * every service's endpoint (S3's too), and a home folder of its own so no cached account or
 * notices of the machine's are used.
 */
export function runCdk(folder: string, url: string, args: string[], timeout = 240_000): Promise<CdkRun> {
  const env = clientEnv({ AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_S3: url, AWS_REGION: 'us-east-1', HOME: join(folder, 'home'), CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true', FORCE_COLOR: '0' });
  return new Promise((done) => {
    execFile(process.execPath, [CDK_CLI, ...args, '--no-notices', '--no-color'], { cwd: folder, env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: unknown }).code as number) ?? 1 : 0, output: `${stdout}${stderr}` });
    });
  });
}
