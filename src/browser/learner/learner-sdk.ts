/**
 * The AWS SDK inside a learner worker: the packages a learner's module may import (the Lambda
 * environment's, sdk-modules.ts, and the other services the graders hand over clients of), their
 * clients configured from the run's variables and sending through the lab worker's emulator, and
 * the clients the grader passed as markers rebuilt as learner-child.ts rebuilds them.
 */
import type { HttpHandler } from '../emulator/request-handler.ts';
import { PAGE_SDK_MODULES, sdkModules, type SdkModuleTable } from '../lambda/sdk-modules.ts';

type ModuleObject = Record<string, unknown>;

/** The packages a learner's module may import in the page. */
export const LEARNER_SDK_MODULES: SdkModuleTable = {
  ...PAGE_SDK_MODULES,
  '@aws-sdk/client-apigatewayv2': () => import('@aws-sdk/client-apigatewayv2'),
  '@aws-sdk/client-cloudwatch-logs': () => import('@aws-sdk/client-cloudwatch-logs'),
  '@aws-sdk/client-iam': () => import('@aws-sdk/client-iam'),
  '@aws-sdk/client-s3': () => import('@aws-sdk/client-s3'),
  '@aws-sdk/client-sts': () => import('@aws-sdk/client-sts'),
};

/** Marker name (sandbox.ts's CLIENT_NAMES) -> the package and class it stands for, and the config the kit gives that client. */
const MARKED: Record<string, { pkg: string; className: string; config?: Record<string, unknown> }> = {
  lambda: { pkg: '@aws-sdk/client-lambda', className: 'LambdaClient' },
  iam: { pkg: '@aws-sdk/client-iam', className: 'IAMClient' },
  sts: { pkg: '@aws-sdk/client-sts', className: 'STSClient' },
  logs: { pkg: '@aws-sdk/client-cloudwatch-logs', className: 'CloudWatchLogsClient' },
  // Path-style, as the kit's S3 client on a local target.
  s3: { pkg: '@aws-sdk/client-s3', className: 'S3Client', config: { forcePathStyle: true } },
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', className: 'DynamoDBClient' },
  eventbridge: { pkg: '@aws-sdk/client-eventbridge', className: 'EventBridgeClient' },
  sqs: { pkg: '@aws-sdk/client-sqs', className: 'SQSClient' },
  apigateway: { pkg: '@aws-sdk/client-apigatewayv2', className: 'ApiGatewayV2Client' },
  sfn: { pkg: '@aws-sdk/client-sfn', className: 'SFNClient' },
};

/** The SDK of one learner worker: each package loaded once, so the learner's module and the rebuilt clients share its classes. */
export class LearnerSdk {
  private readonly env: Record<string, string>;
  private readonly requestHandler: HttpHandler;
  private readonly packages: Record<string, ModuleObject> = {};
  private readonly clients = new Map<string, Promise<unknown>>();

  constructor(env: Record<string, string>, requestHandler: HttpHandler) {
    this.env = env;
    this.requestHandler = requestHandler;
  }

  /** The packages `code` imports (and those loaded before), ready for the module loader. */
  async packagesFor(code: string): Promise<Record<string, ModuleObject>> {
    const missing = Object.fromEntries(Object.entries(LEARNER_SDK_MODULES).filter(([name]) => code.includes(name) && !this.packages[name]));
    Object.assign(this.packages, await sdkModules(Object.keys(missing).join('\n'), this.env, this.requestHandler, missing));
    return this.packages;
  }

  /** The client a marker names, built once: the run's region, endpoint and account, and the kit's local retry count. */
  client(marker: string): Promise<unknown> {
    let found = this.clients.get(marker);
    if (!found) {
      found = this.build(marker);
      this.clients.set(marker, found);
    }
    return found;
  }

  private async build(marker: string): Promise<unknown> {
    if (marker === 'documents') {
      const { DynamoDBDocumentClient } = (await this.packagesFor('@aws-sdk/lib-dynamodb'))['@aws-sdk/lib-dynamodb'] as { DynamoDBDocumentClient: { from(client: unknown, options: unknown): unknown } };
      return DynamoDBDocumentClient.from(await this.client('dynamodb'), { marshallOptions: { removeUndefinedValues: true } });
    }
    const marked = MARKED[marker];
    if (!marked) throw new Error(`unknown SDK client ${marker}`);
    const Client = (await this.packagesFor(marked.pkg))[marked.pkg]![marked.className] as new (config: Record<string, unknown>) => unknown;
    return new Client({ maxAttempts: 2, ...marked.config });
  }
}
