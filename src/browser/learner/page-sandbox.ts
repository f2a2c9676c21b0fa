/**
 * src/core/grader/sandbox.ts in the page (lab-bundle.ts puts it in that file's place): the same
 * names and contract, with a dedicated Worker per lab folder (learner-worker.ts) where a machine
 * has a sandboxed child process. The lab worker bundles each learner file with esbuild, sends it
 * with the file's first call, and answers the worker's SDK calls with its own emulator. A call
 * past its time limit terminates the Worker, failing the calls in flight, as SIGKILL ends the
 * child; the next call starts a fresh Worker.
 *
 * LIMITATIONS: memoryMb is not enforced (a page cannot bound a Worker's memory); each file is
 * bundled whole, so two files of a folder that import a third each get their own copy of it.
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
import { contextMessage, LearnerStopped } from '../../core/grader/context-messages.ts';
import { CLIENT_MARKER } from '../../core/grader/learner-protocol.ts';
import type { Handle } from '../emulator/wire.ts';
import { servePort } from '../emulator/wire.ts';
import { bundleLearnerModule } from './bundle-module.ts';
import type { CallMessage, FromLearner, StartMessage } from './messages.ts';
import { DEFAULT_LIMITS, learnerRunners, type SandboxLimits } from '../../core/grader/learner-calls.ts';

export { DEFAULT_LIMITS, type SandboxLimits };

/** How much of the learner's console output is kept for error messages. */
const OUTPUT_LIMIT = 64 * 1024;


// By class, not constructor name: a minified page bundle renames classes. The document client first, as it wraps a DynamoDBClient.
const CLIENT_CLASSES: Array<[Function, string]> = [
  [DynamoDBDocumentClient, 'documents'], [LambdaClient, 'lambda'], [IAMClient, 'iam'], [STSClient, 'sts'], [CloudWatchLogsClient, 'logs'], [S3Client, 's3'],
  [DynamoDBClient, 'dynamodb'], [EventBridgeClient, 'eventbridge'], [SQSClient, 'sqs'], [ApiGatewayV2Client, 'apigateway'], [SFNClient, 'sfn'],
];

/** Replaces SDK clients in arguments with markers the learner worker understands. */
export function markClients(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(markClients);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const name = CLIENT_CLASSES.find(([type]) => value instanceof type)?.[1];
    if (name) return { [CLIENT_MARKER]: name };
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markClients(item)]));
  }
  return value;
}

let emulatorHandle: Handle | undefined;
let workerUrl: string | URL | undefined;

/** Where learner workers come from and the emulator their SDK calls reach; the lab worker sets both once its emulator runs. */
export function serveLearners(options: { handle: Handle; workerUrl: string | URL }): void {
  emulatorHandle = options.handle;
  workerUrl = options.workerUrl;
}

/** Nothing to link in a page: the learner worker provides the SDK itself. */
export function linkKitLibraries(_labDir: string): void {}

/** The variables the worker gets: the run's own, as the child's environment (sandbox.ts childEnv), nothing else. */
function workerEnv(run: Record<string, string>): Record<string, string> {
  const keep = /^(WORKSHOP_|AWS_ENDPOINT_URL$|AWS_REGION$|AWS_ACCESS_KEY_ID$|AWS_SECRET_ACCESS_KEY$|TZ$|LANG$)/;
  return Object.fromEntries(Object.entries(run).filter(([key]) => keep.test(key)));
}

interface Pending {
  exportName: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One learner worker for a lab folder, serving its calls, so the SDK and the learner's module
 * load once per lab. A call that runs out of time ends the worker (failing the calls in flight);
 * the next call starts a fresh one.
 */
export class LearnerProcess {
  /** The folder the learner's code may import from: a lab folder. */
  private readonly labDir: string;
  private readonly env: Record<string, string>;
  private worker: Worker | undefined;
  /** Files whose bundle the current worker has. */
  private sent = new Set<string>();
  private readonly bundles = new Map<string, Promise<string>>();
  private output = '';
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  /** `env`: the run's variables (endpoint, the run's account). */
  constructor(labDir: string, env: Record<string, string>) {
    this.labDir = labDir;
    this.env = env;
  }

  private spawn(): Worker {
    if (!emulatorHandle || workerUrl === undefined) throw new Error('this page has no learner worker (serveLearners was not called): run the lab with `npm start` on your machine');
    const worker = new Worker(workerUrl, { type: 'module', name: `learner ${this.labDir}` });
    const channel = new MessageChannel();
    servePort(channel.port1, emulatorHandle);
    this.output = '';
    this.sent = new Set();
    worker.addEventListener('message', (event: MessageEvent) => this.heard(worker, event.data as FromLearner));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.keep(`learner-worker.js could not start: ${event.message || 'see the browser console'}`);
      this.stop(worker, { code: 1 });
    });
    const start: StartMessage = { kind: 'start', env: workerEnv(this.env), port: channel.port2 };
    worker.postMessage(start, [channel.port2]);
    return worker;
  }

  private keep(text: string): void {
    if (this.output.length < OUTPUT_LIMIT) this.output += `${text}\n`.slice(0, OUTPUT_LIMIT - this.output.length);
  }

  private heard(worker: Worker, message: FromLearner): void {
    if (message.kind === 'output') this.keep(message.text);
    else if (message.kind === 'crash') this.stop(worker, { code: message.code });
    else {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.value);
      else call.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
    }
  }

  /** Terminates `worker` and fails the calls it had, as the child's exit does. */
  private stop(worker: Worker, how: { code: number } | { signal: string }): void {
    worker.terminate();
    if (this.worker !== worker) return;
    this.worker = undefined;
    const tail = this.output.trim().split('\n').slice(-3).join(' | ');
    for (const call of this.pending.values()) {
      const parts = { exportName: call.exportName, memory: '', tail: tail ? contextMessage('outputTail', { tail }) : '' };
      call.reject(new LearnerStopped('signal' in how ? contextMessage('stoppedBySignal', { ...parts, signal: how.signal }) : contextMessage('exitedWithCode', { ...parts, code: String(how.code) })));
    }
    this.pending.clear();
  }

  private bundle(file: string): Promise<string> {
    let found = this.bundles.get(file);
    if (!found) {
      found = bundleLearnerModule(file, this.labDir);
      this.bundles.set(file, found);
    }
    return found;
  }

  /** Calls `exportName` of `file` (a path inside the lab folder) with `args`; rejects like the learner's code did, or with why it stopped. */
  async call(file: string, exportName: string, args: unknown[], limits: SandboxLimits = DEFAULT_LIMITS): Promise<unknown> {
    // A file that does not bundle fails every call of it, as a module that does not import does in the child.
    const code = await this.bundle(file);
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = ++this.nextId;
    const marked = markClients(args) as unknown[];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        this.stop(worker, { signal: 'SIGKILL' });
        reject(new LearnerStopped(contextMessage('timedOut', { exportName, seconds: limits.timeoutMs / 1000 })));
      }, limits.timeoutMs);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { exportName, resolve: settle(resolve), reject: settle(reject) });
      const message: CallMessage = { kind: 'call', id, file, exportName, args: marked };
      if (!this.sent.has(file)) {
        message.code = code;
        this.sent.add(file);
      }
      worker.postMessage(message);
    });
  }

  /** Ends the worker. */
  close(): void {
    if (this.worker) this.stop(this.worker, { signal: 'SIGKILL' });
  }
}

const runners = learnerRunners((root, env) => new LearnerProcess(root, env));

/** The learner process of a folder, shared by every grader of one run (learner-calls.ts). */
export const sharedLearnerProcess = runners.shared;

/** Calls `exportName` of `file` (in `labDir`) with `args` in a fresh one, then ends it. */
export const callLearner = runners.call;
