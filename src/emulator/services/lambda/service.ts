/**
 * Lambda's control plane: functions from zip packages, versions and aliases, resource policies,
 * event invoke configs, reserved concurrency, tags and Invoke, which hands each invocation to the
 * execution engine (execution/). Functions move Pending -> Active and updates InProgress ->
 * Successful after `settings.lambdaStateDelayMs`, computed from timestamps.
 *
 * Event source mappings poll SQS queues and DynamoDB streams (event-source/). Function URLs (function-urls.ts) are
 * served by their own front door (function-url-door.ts), by host name.
 *
 * LIMITATIONS: a DeadLetterConfig may name an SQS queue or an SNS topic, but failed events are
 * delivered to SQS queues only (SNS is not emulated); zip packages as ZipFile or from the emulator's S3 (S3Bucket/S3Key; no S3ObjectVersion, no container images); no
 * layers, event source mappings other than SQS and DynamoDB streams (stream mappings: ParallelizationFactor is
 * accepted but batches of a shard are always sent one at a time, no TumblingWindowInSeconds), provisioned concurrency or code signing; function URLs answer
 * buffered responses only (no RESPONSE_STREAM), and for AuthType AWS_IAM the caller's identity
 * policies are not evaluated (its own account may call, another account when the resource policy names it); the
 * execution role is checked for shape, not looked up in IAM; cross-account access through
 * resource policies is not evaluated (other accounts' functions stay invisible); an invocation
 * during an update runs the new configuration (AWS runs the previous one until the update ends).
 */
import { lambdaPersistence } from './persistence.ts';
import type { Operation, OperationContext, ServiceDefinition } from '../../types.ts';
import {
  DeleteFunctionConcurrency, GetAccountSettings, GetFunctionConcurrency, ListTags, PutFunctionConcurrency, TagResource, UntagResource,
} from './account.ts';
import { CreateAlias, DeleteAlias, GetAlias, ListAliases, UpdateAlias } from './aliases.ts';
import { functionUrlDoor } from './function-url-door.ts';
import {
  CreateFunctionUrlConfig, DeleteFunctionUrlConfig, GetFunctionUrlConfig, ListFunctionUrlConfigs, UpdateFunctionUrlConfig,
} from './function-urls.ts';
import {
  DeleteFunctionEventInvokeConfig, GetFunctionEventInvokeConfig, ListFunctionEventInvokeConfigs, PutFunctionEventInvokeConfig,
  UpdateFunctionEventInvokeConfig,
} from './event-invoke-config.ts';
import {
  CreateFunction, DeleteFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration,
} from './functions.ts';
import {
  CreateEventSourceMapping, DeleteEventSourceMapping, GetEventSourceMapping, ListEventSourceMappings, UpdateEventSourceMapping,
} from './event-source/mappings.ts';
import { Invoke } from './invoke.ts';
import { createLambdaState, type LambdaContext, type LambdaState } from './model.ts';
import { AddPermission, GetPolicy, RemovePermission } from './permissions.ts';
import { checkDeadLetterRole } from './role-access.ts';
import { lambdaRoutes } from './routes.ts';
import { LambdaRuntime, type EngineFactory } from './runtime.ts';
import { ListVersionsByFunction, PublishVersion } from './versions.ts';
import { withS3Package } from './s3-code.ts';

const NAME = 'lambda';

type Handler = (context: LambdaContext, input: Record<string, any>) => unknown;

/** Adapts a model function to the emulator's operation signature. */
function operation(handler: Handler): Operation<LambdaState> {
  return (input: Record<string, any>, context: OperationContext<LambdaState>) => handler(context, input ?? {});
}

/** Options of {@link createLambdaService}. */
export interface LambdaServiceOptions {
  /** Builds the execution engine (default: child-process environments; a browser page passes its Worker engine). */
  engine?: EngineFactory;
}

/** A Lambda service with its own execution engine and code folders: one per emulator. */
export function createLambdaService(options: LambdaServiceOptions = {}): ServiceDefinition<LambdaState> {
  const runtime = new LambdaRuntime(options.engine);
  return {
    name: NAME,
    signingNames: ['lambda'],
    protocol: 'rest-json',
    routes: lambdaRoutes,
    createState: createLambdaState,
    persistence: lambdaPersistence,
    start: (emulator) => {
      emulator.addFrontDoor(functionUrlDoor(emulator));
      return runtime.start(emulator, NAME);
    },
    stop: () => runtime.stop(),
    operations: {
      CreateFunction: operation(async (context, input) => {
        await checkDeadLetterRole(context, input);
        return CreateFunction(context, runtime, { ...input, Code: await withS3Package(context, input.Code) });
      }),
      GetFunction: operation((context, input) => GetFunction(context, runtime, input)),
      GetFunctionConfiguration: operation(GetFunctionConfiguration),
      ListFunctions: operation(ListFunctions),
      UpdateFunctionCode: operation(async (context, input) => UpdateFunctionCode(context, runtime, await withS3Package(context, input), NAME)),
      UpdateFunctionConfiguration: operation(async (context, input) => {
        await checkDeadLetterRole(context, input);
        return UpdateFunctionConfiguration(context, runtime, input);
      }),
      DeleteFunction: operation((context, input) => DeleteFunction(context, runtime, input, NAME)),
      PublishVersion: operation(PublishVersion),
      ListVersionsByFunction: operation(ListVersionsByFunction),
      CreateAlias: operation(CreateAlias),
      GetAlias: operation(GetAlias),
      UpdateAlias: operation(UpdateAlias),
      DeleteAlias: operation(DeleteAlias),
      ListAliases: operation(ListAliases),
      AddPermission: operation(AddPermission),
      RemovePermission: operation(RemovePermission),
      GetPolicy: operation(GetPolicy),
      PutFunctionEventInvokeConfig: operation(PutFunctionEventInvokeConfig),
      UpdateFunctionEventInvokeConfig: operation(UpdateFunctionEventInvokeConfig),
      GetFunctionEventInvokeConfig: operation(GetFunctionEventInvokeConfig),
      DeleteFunctionEventInvokeConfig: operation(DeleteFunctionEventInvokeConfig),
      ListFunctionEventInvokeConfigs: operation(ListFunctionEventInvokeConfigs),
      PutFunctionConcurrency: operation(PutFunctionConcurrency),
      GetFunctionConcurrency: operation(GetFunctionConcurrency),
      DeleteFunctionConcurrency: operation(DeleteFunctionConcurrency),
      GetAccountSettings: operation(GetAccountSettings),
      TagResource: operation(TagResource),
      UntagResource: operation(UntagResource),
      ListTags: operation(ListTags),
      Invoke: operation((context, input) => Invoke(context, runtime, input)),
      InvokeAsync: operation((context, input) => Invoke(context, runtime, input, true)),
      CreateEventSourceMapping: operation(CreateEventSourceMapping),
      GetEventSourceMapping: operation(GetEventSourceMapping),
      ListEventSourceMappings: operation(ListEventSourceMappings),
      UpdateEventSourceMapping: operation(UpdateEventSourceMapping),
      DeleteEventSourceMapping: operation(DeleteEventSourceMapping),
      CreateFunctionUrlConfig: operation(CreateFunctionUrlConfig),
      GetFunctionUrlConfig: operation(GetFunctionUrlConfig),
      UpdateFunctionUrlConfig: operation(UpdateFunctionUrlConfig),
      DeleteFunctionUrlConfig: operation(DeleteFunctionUrlConfig),
      ListFunctionUrlConfigs: operation(ListFunctionUrlConfigs),
    },
  };
}
