/**
 * The contract between Lambda's control plane (service.ts, model.ts: what a function is) and its
 * execution engine (this folder: how a function runs). The control plane resolves the function,
 * version or alias and hands the engine a frozen {@link FunctionRuntimeConfig}; the engine runs it.
 */

/** Everything needed to run one published version (or $LATEST) of a function. */
export interface FunctionRuntimeConfig {
  account: string;
  region: string;
  functionName: string;
  /** The unqualified function ARN. */
  functionArn: string;
  /** `$LATEST` or a published version number as a string. */
  version: string;
  /** Like `nodejs22.x` or `python3.12`. */
  runtime: string;
  /** Like `index.handler`. */
  handler: string;
  /** The folder holding the unzipped code; read-only for the engine. */
  codeDir: string;
  /** Base64 SHA-256 of the zip: environments are never shared across different code. */
  codeSha256: string;
  /** The function's own environment variables. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySizeMb: number;
  /** Reserved concurrency; undefined means the account's unreserved pool. 0 means throttled. */
  reservedConcurrency: number | undefined;
  /** `/aws/lambda/<functionName>`. */
  logGroupName: string;
  /** DeadLetterConfig's TargetArn: where an asynchronous event goes once its retries are spent. */
  deadLetterTarget?: string;
  /** The secret that signs as the function's account (the access key id is the account id), when it has no role credentials. */
  secretAccessKey: string;
  /** The execution role's temporary credentials (an STS session named after the function), as Lambda gives them. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/** Where an asynchronous invocation's result goes, from PutFunctionEventInvokeConfig. */
export interface AsyncInvokeConfig {
  /** 0-2; AWS's default is 2. */
  maximumRetryAttempts: number;
  /** 60-21600 seconds; AWS's default is 21600. */
  maximumEventAgeSeconds: number;
  /** A destination ARN (SQS queue, SNS topic, Lambda function, EventBridge bus). */
  onSuccess: string | undefined;
  onFailure: string | undefined;
}

/** A synchronous invocation's options. */
export interface SyncInvokeOptions {
  /** Return the last 4 KB of the log, base64, as `LogType: Tail` asks. */
  tailLog: boolean;
  /** Base64 client context from `X-Amz-Client-Context`. */
  clientContext: string | undefined;
}

/** The outcome of a synchronous invocation, ready for the Invoke response. */
export interface SyncInvokeResult {
  requestId: string;
  /** The response payload: the handler's return value as JSON, or the error object. */
  payload: Buffer;
  /** `Unhandled` when the function failed (error, timeout, crash). */
  functionError: 'Unhandled' | 'Handled' | undefined;
  /** Base64 of the log tail, when asked for. */
  logResult: string | undefined;
  executedVersion: string;
}

/** Identifies the caller of an asynchronous invocation for the destination record. */
export interface AsyncInvokeRequest {
  config: FunctionRuntimeConfig;
  payload: Buffer;
  asyncConfig: AsyncInvokeConfig;
  /** The ARN the caller invoked (with qualifier when one was used), for the destination record. */
  invokedArn: string;
  /** Who queued it, for the trace: `lambda:Invoke`, an EventBridge rule ARN, an SQS mapping... */
  source?: string;
}

/** What the control plane needs from the execution engine. */
export interface ExecutionEngine {
  /** Runs one invocation and waits for its result. Throws TooManyRequestsException when throttled. */
  invoke(config: FunctionRuntimeConfig, payload: Buffer, options: SyncInvokeOptions): Promise<SyncInvokeResult>;
  /** Queues an asynchronous invocation and returns its request id at once. */
  invokeAsync(request: AsyncInvokeRequest): string;
  /** Stops every warm environment of a function (all versions): its code or configuration changed, or it was deleted. */
  retire(functionArn: string): void;
  /** Stops all environments and timers. */
  stop(): Promise<void>;
}
