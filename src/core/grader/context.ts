/**
 * What a lab's grader works with: the learner's lab folder, SDK clients for the chosen target,
 * resource names unique to this run, seeded input generation, deployment helpers, the event-flow
 * trace, and cleanup. The check runner passes its settings through WORKSHOP_* variables.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createClients, type AwsClients } from '../clients.ts';
import { bundleHandler, deployFunction, ensureExecutionRole } from '../deploy.ts';
import { grantLabPolicy } from '../function-policy.ts';
import { findLab } from '../labs.ts';
import { DEFAULT_ACCOUNT_ID, resolveTarget, withSecret, type Target } from '../target.ts';
import { deployFailure } from './context-messages.ts';
import { GraderFailure } from './feedback.ts';
import { generator, type Generator } from './random.ts';
import { DEFAULT_LIMITS, sharedLearnerProcess, type SandboxLimits } from './sandbox.ts';
import type { TraceEntry, TraceQuery } from '../../emulator/trace.ts';
import { signedRouteHeaders } from '../../emulator/signature.ts';

/** The settings the runner hands a grader. */
export interface GraderSettings {
  labDir: string;
  /** The folder learner code may read: the submission's folder when the run grades several of its labs. */
  sandboxRoot: string;
  /** The run's variables (WORKSHOP_*, AWS_ENDPOINT_URL, the account's credentials): the learner process gets these. */
  env: Record<string, string>;
  target: Target;
  /** Prefix of every resource name this run creates. */
  prefix: string;
  seed: number;
  /** The emulator account of this run, when the target is local. */
  accountId: string | undefined;
  /** The lab the grader checks (`03-orders-table`): its lab.json says what its functions may do. */
  labId?: string;
}

/** What an invocation returned, decoded. */
export interface Invocation {
  payload: any;
  /** `Unhandled` when the function failed; the payload then holds errorType and errorMessage. */
  functionError: string | undefined;
  /** The invocation's log tail. */
  log: string;
}

/** The lab a grader file belongs to: `test/labs/01-first-handler.test.ts` is lab `01-first-handler`. */
export function labIdOfGrader(path: string): string {
  return basename(path).replace(/\.test\.ts$/, '');
}

/**
 * The variables of the run `graderPath` belongs to: its entry in the run file the runner wrote
 * (WORKSHOP_RUN_FILE, one entry per grader file of a batch), over the process environment.
 */
function runVariables(graderPath: string, processEnv: NodeJS.ProcessEnv): Record<string, string> {
  const runs = processEnv.WORKSHOP_RUN_FILE ? (JSON.parse(readFileSync(processEnv.WORKSHOP_RUN_FILE, 'utf8')) as Record<string, Record<string, string>>) : {};
  const fromProcess = Object.fromEntries(Object.entries(processEnv).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { ...fromProcess, ...runs[graderPath] };
}

/** Reads the runner's settings, for the grader file `graderPath`. */
export function settingsFromEnv(graderPath: string, processEnv: NodeJS.ProcessEnv = process.env): GraderSettings {
  const env = runVariables(graderPath, processEnv);
  const labId = labIdOfGrader(graderPath);
  const dirs = JSON.parse(env.WORKSHOP_LAB_DIRS ?? '{}') as Record<string, string>;
  const labDir = dirs[labId];
  if (!labDir) throw new Error(`no folder for lab ${labId}: graders are run by \`workshop check\`, not directly`);
  const accountId = env.WORKSHOP_ACCOUNT || undefined;
  const parents = new Set(Object.values(dirs).map((dir) => dirname(dir)));
  const siblings = Object.keys(dirs).length > 1 && parents.size === 1 && Object.entries(dirs).every(([id, dir]) => basename(dir) === id);
  return {
    labDir,
    sandboxRoot: siblings ? dirname(labDir) : labDir,
    env: Object.fromEntries(Object.entries(env).filter(([key]) => /^(WORKSHOP_|AWS_)/.test(key))),
    target: withSecret(resolveTarget({ env, accountId }), env.AWS_SECRET_ACCESS_KEY),
    // Labs of one run share an account, so each lab's names carry its number.
    prefix: `${env.WORKSHOP_PREFIX || 'ws'}-${labId.slice(0, 2)}`,
    seed: Number(env.WORKSHOP_SEED ?? Date.now() % 2 ** 31),
    accountId,
    labId,
  };
}

/** A grader's working context for one run. */
export class GraderContext {
  readonly settings: GraderSettings;
  readonly clients: AwsClients;
  readonly random: Generator;
  private readonly cleanups: Array<() => Promise<unknown>> = [];
  private role: Promise<string> | undefined;

  constructor(settings: GraderSettings) {
    this.settings = settings;
    this.clients = createClients(settings.target);
    this.random = generator(settings.seed);
  }

  /** The learner's lab folder. */
  get labDir(): string {
    return this.settings.labDir;
  }

  /** A resource name unique to this run, like `ws-k3x9-orders`. */
  name(suffix: string): string {
    return `${this.settings.prefix}-${suffix}`;
  }

  /**
   * The learner's module as a proxy: each exported function called through it runs in a bounded,
   * sandboxed child process (sandbox.ts). Arguments and results must be data or SDK clients of
   * this context; errors keep the learner's name and message.
   */
  importLearner<T = Record<string, (...args: any[]) => Promise<any>>>(file: string, limits?: Partial<SandboxLimits>): T {
    const bounded = { ...DEFAULT_LIMITS, ...limits };
    const learner = sharedLearnerProcess(this.settings.sandboxRoot, this.settings.env);
    const path = join(this.labDir, file);
    return new Proxy({}, {
      // `then` stays undefined so that awaiting the proxy yields the proxy, not a call.
      get: (_target, exportName) =>
        typeof exportName === 'string' && exportName !== 'then' ? (...args: unknown[]) => learner.call(path, exportName, args, bounded) : undefined,
    }) as T;
  }

  /** An execution role for this run's functions, allowed what the lab's functionPolicy says. */
  executionRole(): Promise<string> {
    this.role ??= (async () => {
      const roleName = this.name('lambda-role');
      const arn = await ensureExecutionRole(this.clients.iam, roleName);
      const { labId } = this.settings;
      if (labId) await grantLabPolicy(this.clients.iam, roleName, findLab(labId).definition, this.settings.prefix);
      return arn;
    })();
    return this.role;
  }

  /**
   * Bundles `exportName` of a learner file and deploys it as function `name`; removed after the
   * run. A file that does not compile or export it fails every check in the learner's language.
   */
  async deployHandler(options: { file: string; exportName?: string; name: string; environment?: Record<string, string>; timeout?: number }): Promise<string> {
    const { arn, created } = await this.inLearnerWords(async () => {
      const zip = await bundleHandler(join(this.labDir, options.file), options.exportName);
      return deployFunction(this.clients.lambda, {
        name: options.name,
        role: await this.executionRole(),
        zip,
        ...(options.environment ? { environment: options.environment } : {}),
        ...(options.timeout ? { timeout: options.timeout } : {}),
      });
    });
    if (created) this.onCleanup(() => import('@aws-sdk/client-lambda').then(({ DeleteFunctionCommand }) => this.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: options.name }))));
    return arn;
  }

  /** Runs `step`; the kit's deploy errors become failures in both languages. */
  private async inLearnerWords<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const message = deployFailure(error);
      throw message ? new GraderFailure(message) : error;
    }
  }

  /** Invokes a function synchronously and decodes the answer. */
  async invoke(name: string, payload: unknown): Promise<Invocation> {
    const answer = await this.clients.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(payload)), LogType: 'Tail' }));
    const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
    let decoded: unknown = text;
    try {
      decoded = text === '' ? null : JSON.parse(text);
    } catch {
      // A payload that is not JSON is returned as text.
    }
    return { payload: decoded, functionError: answer.FunctionError, log: answer.LogResult ? Buffer.from(answer.LogResult, 'base64').toString('utf8') : '' };
  }

  /** The emulator's event-flow trace for this run's account (empty on targets without one). */
  async trace(query: Omit<TraceQuery, 'account'> = {}): Promise<TraceEntry[]> {
    const { target, accountId } = this.settings;
    if (target.name !== 'emulator' || !target.endpoint) return [];
    const params = new URLSearchParams();
    params.set('account', accountId ?? DEFAULT_ACCOUNT_ID);
    if (query.eventId) params.set('eventId', query.eventId);
    if (query.after !== undefined) params.set('after', String(query.after));
    const url = new URL(`/_workshop/trace?${params}`, target.endpoint);
    // Signed, so an emulator that verifies signatures (cohort grading) answers with this account's trace.
    const headers = target.credentials ? await signedRouteHeaders(url, 'GET', target.credentials, target.region) : {};
    const answer = await fetch(url, { headers });
    return ((await answer.json()) as { entries: TraceEntry[] }).entries;
  }

  /** Registers work to undo after the run (last registered, first run). */
  onCleanup(step: () => Promise<unknown>): void {
    this.cleanups.push(step);
  }

  /** Runs every cleanup step; failures are ignored, the resources are this run's own. */
  async cleanup(): Promise<void> {
    for (const step of this.cleanups.splice(0).reverse()) await step().catch(() => {});
    this.clients.destroy();
  }
}
