/**
 * Calls a learner's exported function in a separate, bounded child process (see learner-child.ts):
 * limited time, memory and captured output, no host credentials, and no read access to the kit's
 * solutions or graders. On Linux with bubblewrap the process runs in the OS sandbox (src/sandbox);
 * elsewhere Node's permission model alone, without child processes. Graders use it through
 * `GraderContext.importLearner`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnerCommand, nodePermissionFlags, osSandbox, sandboxedExit } from '../../sandbox/index.ts';
import { KIT_ROOT } from '../kit.ts';
import { CLIENT_MARKER, type LearnerAnswer } from './learner-protocol.ts';
import { contextMessage, LearnerStopped } from './context-messages.ts';
import { DEFAULT_LIMITS, learnerRunners, type SandboxLimits } from './learner-calls.ts';

export { DEFAULT_LIMITS, type SandboxLimits };

const CHILD = fileURLToPath(new URL('./learner-child.ts', import.meta.url));
/** How much of the learner's console output is kept for error messages. */
const OUTPUT_LIMIT = 64 * 1024;


const CLIENT_NAMES: Record<string, string> = {
  LambdaClient: 'lambda', IAMClient: 'iam', STSClient: 'sts', CloudWatchLogsClient: 'logs', S3Client: 's3',
  DynamoDBClient: 'dynamodb', DynamoDBDocumentClient: 'documents', EventBridgeClient: 'eventbridge', SQSClient: 'sqs', ApiGatewayV2Client: 'apigateway', SFNClient: 'sfn',
};

/** Replaces SDK clients in arguments with markers the child understands. */
export function markClients(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(markClients);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const name = CLIENT_NAMES[value.constructor?.name ?? ''];
    if (name) return { [CLIENT_MARKER]: name };
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markClients(item)]));
  }
  return value;
}

/** The environment of the child: the run's variables and a few harmless basics, nothing else from the host. */
function childEnv(run: Record<string, string>): NodeJS.ProcessEnv {
  const keep = /^(WORKSHOP_|AWS_ENDPOINT_URL$|AWS_REGION$|AWS_ACCESS_KEY_ID$|AWS_SECRET_ACCESS_KEY$|AWS_CONFIG_FILE$|AWS_SHARED_CREDENTIALS_FILE$|PATH$|TZ$|LANG$)/;
  return Object.fromEntries(Object.entries({ PATH: process.env.PATH ?? '', ...run }).filter(([key]) => keep.test(key)));
}

/**
 * Lets a lab folder outside the kit (a learner's copy, a submission) import the kit's libraries,
 * as the real Lambda runtime provides the AWS SDK: ESM resolution only looks in node_modules up
 * the folder tree, so a link is placed in the lab folder when nothing above it provides one.
 */
export function linkKitLibraries(labDir: string): void {
  if (!relative(KIT_ROOT, labDir).startsWith('..')) return;
  const link = join(labDir, 'node_modules');
  if (!existsSync(link)) symlinkSync(join(KIT_ROOT, 'node_modules'), link, 'dir');
}

/**
 * One sandboxed child process for a lab folder, serving its calls, so the SDK and the learner's
 * module load once per lab rather than once per call. A call that runs out of time or memory ends
 * the process (failing the calls in flight); the next call starts a fresh one.
 */
export class LearnerProcess {
  /** The folder the learner's code may read: a lab folder, or a submission's folder of labs. */
  private readonly labDir: string;
  private readonly env: Record<string, string>;
  private child: ChildProcess | undefined;
  private output = '';
  private nextId = 0;
  private readonly pending = new Map<number, { exportName: string; resolve: (value: unknown) => void; reject: (error: Error) => void; memoryMb: number }>();

  /** `env`: the run's variables (endpoint, the run's account); the host's environment is not passed on. */
  constructor(labDir: string, env: Record<string, string>) {
    this.labDir = labDir;
    this.env = env;
  }

  private spawn(memoryMb: number): ChildProcess {
    linkKitLibraries(this.labDir);
    const readable = [this.labDir, join(KIT_ROOT, 'node_modules'), join(KIT_ROOT, 'src'), join(KIT_ROOT, 'package.json')];
    const permissions = nodePermissionFlags({ read: readable, write: [], childProcesses: osSandbox().kind === 'bwrap' });
    const run = learnerCommand({
      command: process.execPath,
      args: [`--max-old-space-size=${memoryMb}`, ...permissions, CHILD],
      readOnly: [...readable, dirname(process.execPath)],
      chdir: this.labDir,
      owner: this.env.WORKSHOP_ACCOUNT || this.labDir,
    });
    const child = spawn(run.command, run.args, {
      cwd: this.labDir,
      env: childEnv(this.env),
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.output = '';
    const keep = (chunk: Buffer) => {
      if (this.output.length < OUTPUT_LIMIT) this.output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - this.output.length);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('message', (answer: LearnerAnswer) => {
      const call = this.pending.get(answer.id);
      if (!call) return;
      this.pending.delete(answer.id);
      if (answer.ok) call.resolve(answer.value);
      else call.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
    });
    child.on('exit', (exitCode, exitSignal) => {
      if (this.child === child) this.child = undefined;
      const { code, signal } = run.sandboxed ? sandboxedExit(exitCode, exitSignal) : { code: exitCode, signal: exitSignal };
      const tail = this.output.trim().split('\n').slice(-3).join(' | ');
      const outOfMemory = /heap out of memory|Allocation failed/.test(this.output);
      for (const call of this.pending.values()) {
        const parts = {
          exportName: call.exportName,
          memory: outOfMemory ? contextMessage('outOfMemory', { mb: call.memoryMb }) : '',
          tail: tail ? contextMessage('outputTail', { tail }) : '',
        };
        call.reject(new LearnerStopped(signal ? contextMessage('stoppedBySignal', { ...parts, signal }) : contextMessage('exitedWithCode', { ...parts, code: String(code) })));
      }
      this.pending.clear();
    });
    return child;
  }

  /** Calls `exportName` of `file` (a path inside the readable folder) with `args`; rejects like the learner's code did, or with why it stopped. */
  call(file: string, exportName: string, args: unknown[], limits: SandboxLimits = DEFAULT_LIMITS): Promise<unknown> {
    this.child ??= this.spawn(limits.memoryMb);
    const child = this.child;
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        child.kill('SIGKILL');
        reject(new LearnerStopped(contextMessage('timedOut', { exportName, seconds: limits.timeoutMs / 1000 })));
      }, limits.timeoutMs);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { exportName, resolve: settle(resolve), reject: settle(reject), memoryMb: limits.memoryMb });
      child.send({ id, file, exportName, args: markClients(args) });
    });
  }

  /** Ends the process. */
  close(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}

const runners = learnerRunners((root, env) => new LearnerProcess(root, env));

/** The learner process of a folder, shared by every grader of one run (learner-calls.ts). */
export const sharedLearnerProcess = runners.shared;

/** Calls `exportName` of `file` (in `labDir`) with `args` in a fresh one, then ends it. */
export const callLearner = runners.call;
