/** The resource types the emulator provisions, by CloudFormation type name. */
import { apiGatewayApi, apiGatewayIntegration, apiGatewayRoute, apiGatewayStage } from './apigateway.ts';
import { dynamodbTable } from './dynamodb.ts';
import { eventsRule } from './events.ts';
import { eventsBus } from './events-bus.ts';
import { iamPolicy, iamRole } from './iam.ts';
import { iamManagedPolicy } from './iam-managed-policy.ts';
import { ecrRepository, kmsAlias, kmsKey } from './recorded.ts';
import { s3BucketPolicy } from './s3-bucket-policy.ts';
import { lambdaEventSourceMapping, lambdaFunction, lambdaPermission } from './lambda.ts';
import { lambdaAlias, lambdaVersion } from './lambda-versions.ts';
import { logsLogGroup } from './logs.ts';
import { s3Bucket } from './s3.ts';
import { snsSubscription, snsTopic } from './sns.ts';
import { sqsQueue, sqsQueuePolicy } from './sqs.ts';
import { ssmParameter } from './ssm.ts';
import { secretsManagerSecret } from './secretsmanager.ts';
import { stepFunctionsStateMachine } from './stepfunctions.ts';
import type { Provisioner } from './types.ts';

/** AWS::CDK::Metadata: the CDK's analytics record; nothing to make. */
const cdkMetadata: Provisioner = {
  properties: ['Analytics', 'Modules'],
  async create(_properties, context) {
    return { physicalId: context.generatedName(128) };
  },
  async update(_properties, existing) {
    return existing;
  },
  async delete() {},
};

const PROVISIONERS: Record<string, Provisioner> = {
  'AWS::DynamoDB::Table': dynamodbTable,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SQS::QueuePolicy': sqsQueuePolicy,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::EventSourceMapping': lambdaEventSourceMapping,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::Events::Rule': eventsRule,
  'AWS::Events::EventBus': eventsBus,
  'AWS::Logs::LogGroup': logsLogGroup,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::SSM::Parameter': ssmParameter,
  'AWS::ApiGatewayV2::Api': apiGatewayApi,
  'AWS::ApiGatewayV2::Stage': apiGatewayStage,
  'AWS::ApiGatewayV2::Integration': apiGatewayIntegration,
  'AWS::ApiGatewayV2::Route': apiGatewayRoute,
  'AWS::StepFunctions::StateMachine': stepFunctionsStateMachine,
  'AWS::SecretsManager::Secret': secretsManagerSecret,
  'AWS::CDK::Metadata': cdkMetadata,
  'AWS::S3::BucketPolicy': s3BucketPolicy,
  'AWS::IAM::ManagedPolicy': iamManagedPolicy,
  'AWS::ECR::Repository': ecrRepository,
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::Alias': kmsAlias,
};

/** The provisioner of a type, or undefined for a type the emulator does not make. */
export function provisionerOf(type: string): Provisioner | undefined {
  return Object.hasOwn(PROVISIONERS, type) ? PROVISIONERS[type] : undefined;
}

/** The types the emulator makes, for error messages and the LIMITATIONS note. */
export const SUPPORTED_TYPES = Object.keys(PROVISIONERS);

/** Types that need CAPABILITY_IAM (or CAPABILITY_NAMED_IAM when they carry a name). */
export const IAM_TYPES: Record<string, string> = { 'AWS::IAM::Role': 'RoleName', 'AWS::IAM::Policy': '', 'AWS::IAM::ManagedPolicy': 'ManagedPolicyName', 'AWS::IAM::User': 'UserName', 'AWS::IAM::Group': 'GroupName', 'AWS::IAM::InstanceProfile': 'InstanceProfileName', 'AWS::IAM::AccessKey': '' };
