/** The services the emulator runs by default. */
import type { ServiceDefinition } from '../types.ts';
import { createApiGatewayService } from './apigateway/service.ts';
import { createDynamodbService } from './dynamodb/service.ts';
import { dynamodbStreamsService } from './dynamodbstreams/service.ts';
import { createEventsService } from './events/service.ts';
import { iamService } from './iam/service.ts';
import { createLambdaService } from './lambda/service.ts';
import { logsService } from './logs/service.ts';
import { createS3Service } from './s3/service.ts';
import { createSqsService } from './sqs/service.ts';
import { createSnsService } from './sns/service.ts';
import { stsService } from './sts/service.ts';
import { createStepFunctionsService } from './stepfunctions/service.ts';
import { ssmService } from './ssm/service.ts';
import { secretsManagerService } from './secretsmanager/service.ts';
import { cloudFormationService } from './cloudformation/service.ts';

/** A fresh list of the default services (each emulator gets its own service instances). */
export function defaultServices(): ServiceDefinition[] {
  return [stsService, iamService, createLambdaService(), logsService, createSqsService(), createEventsService(), createS3Service(), createDynamodbService(), dynamodbStreamsService, createApiGatewayService(), createSnsService(), createStepFunctionsService(), ssmService, secretsManagerService, cloudFormationService];
}
