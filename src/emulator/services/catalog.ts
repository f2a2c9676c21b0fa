/**
 * The default services as a catalog: their names, known without loading any service's code, and
 * how to load them. `workshop emulator` answers its health check while the services load in the
 * background, one service at a time with a turn of the event loop between, so a client sees the
 * port up in a fraction of the time the code takes to load.
 */
import type { ServiceCatalog } from '../emulator.ts';
import type { ServiceDefinition } from '../types.ts';

type Loader = () => Promise<ServiceDefinition>;

/** Each default service's loader, in the order `defaultServices()` lists them (a test keeps the two alike). */
const LOADERS: Array<[string, Loader]> = [
  ['sts', async () => (await import('./sts/service.ts')).stsService],
  ['iam', async () => (await import('./iam/service.ts')).iamService],
  ['lambda', async () => (await import('./lambda/service.ts')).createLambdaService()],
  ['logs', async () => (await import('./logs/service.ts')).logsService],
  ['sqs', async () => (await import('./sqs/service.ts')).createSqsService()],
  ['events', async () => (await import('./events/service.ts')).createEventsService()],
  ['s3', async () => (await import('./s3/service.ts')).createS3Service()],
  ['dynamodb', async () => (await import('./dynamodb/service.ts')).createDynamodbService()],
  ['dynamodbstreams', async () => (await import('./dynamodbstreams/service.ts')).dynamodbStreamsService],
  ['apigatewayv2', async () => (await import('./apigateway/service.ts')).createApiGatewayService()],
  ['sns', async () => (await import('./sns/service.ts')).createSnsService()],
  ['stepfunctions', async () => (await import('./stepfunctions/service.ts')).createStepFunctionsService()],
  ['ssm', async () => (await import('./ssm/service.ts')).ssmService],
  ['secretsmanager', async () => (await import('./secretsmanager/service.ts')).secretsManagerService],
  ['cloudformation', async () => (await import('./cloudformation/service.ts')).cloudFormationService],
];

/** The names of the default services. */
export const DEFAULT_SERVICE_NAMES: readonly string[] = LOADERS.map(([name]) => name);

/** A turn of the event loop, so requests that arrived (health checks) are answered between two services. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A catalog of the default services, loaded when the emulator starts. */
export function defaultServiceCatalog(): ServiceCatalog {
  return {
    names: DEFAULT_SERVICE_NAMES,
    load: async () => {
      const services: ServiceDefinition[] = [];
      for (const [, load] of LOADERS) {
        await nextTurn();
        services.push(await load());
      }
      return services;
    },
  };
}
