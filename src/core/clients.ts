/**
 * Ready-to-use AWS SDK v3 clients for a target: the kit's own equivalent of LocalStack's
 * `localstack-client` helpers (there is no such package for JavaScript on the npm registry).
 */
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkConfig } from './sdk-config.ts';
import type { Target } from './target.ts';

export { sdkConfig, type SdkConfig } from './sdk-config.ts';

/** One client per service the labs use, each built on first use and shared afterwards. */
export interface AwsClients {
  readonly lambda: LambdaClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly logs: CloudWatchLogsClient;
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  /** The document client over {@link AwsClients.dynamodb}: plain JavaScript values in and out. */
  readonly documents: DynamoDBDocumentClient;
  readonly eventbridge: EventBridgeClient;
  readonly sqs: SQSClient;
  /** API Gateway HTTP APIs (apigatewayv2). */
  readonly apigateway: ApiGatewayV2Client;
  /** AWS Step Functions. */
  readonly sfn: SFNClient;
  /** Closes every client built so far. */
  destroy(): void;
}

/** Returns lazily built SDK clients for `target` (S3 uses path-style addressing on local targets). */
export function createClients(target: Target): AwsClients {
  const config = sdkConfig(target);
  const built = new Map<string, { destroy(): void }>();
  const once = <T extends { destroy(): void }>(key: string, build: () => T): T => {
    let client = built.get(key) as T | undefined;
    if (!client) {
      client = build();
      built.set(key, client);
    }
    return client;
  };
  return {
    get lambda() { return once('lambda', () => new LambdaClient(config)); },
    get iam() { return once('iam', () => new IAMClient(config)); },
    get sts() { return once('sts', () => new STSClient(config)); },
    get logs() { return once('logs', () => new CloudWatchLogsClient(config)); },
    get s3() { return once('s3', () => new S3Client({ ...config, forcePathStyle: target.name !== 'aws' })); },
    get dynamodb() { return once('dynamodb', () => new DynamoDBClient(config)); },
    get documents() {
      return once('documents', () => DynamoDBDocumentClient.from(this.dynamodb, {
        marshallOptions: { removeUndefinedValues: true },
      }));
    },
    get eventbridge() { return once('eventbridge', () => new EventBridgeClient(config)); },
    get sqs() { return once('sqs', () => new SQSClient(config)); },
    get apigateway() { return once('apigateway', () => new ApiGatewayV2Client(config)); },
    get sfn() { return once('sfn', () => new SFNClient(config)); },
    destroy() {
      for (const client of built.values()) client.destroy();
      built.clear();
    },
  };
}
