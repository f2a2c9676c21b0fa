/**
 * Runs a lab's grader (the kit's own test/labs/NN-slug.test.ts, never a submission's) with Vitest
 * against a learner's lab folder and turns its tests into the lab's checks: passed or not, the
 * points earned, and the reason in one plain line.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVitest } from 'vitest/node';
import type { Lab } from './labs.ts';
import { KIT_ROOT } from './kit.ts';
import type { CheckOutcome } from './progress.ts';
import type { Target } from './target.ts';

/** One check's result, with how long its test took. */
export interface CheckResult extends CheckOutcome {
  durationMs: number;
}

/** A whole lab's result. */
export interface LabResult {
  labId: string;
  title: string;
  checks: CheckResult[];
  score: number;
  maxScore: number;
  seed: number;
  durationMs: number;
}

/** What {@link runLabs} needs. */
export interface RunLabsOptions {
  /** Each lab with the learner's folder of it. */
  labs: Array<{ lab: Lab; labDir: string }>;
  target: Target;
  seed?: number;
  /** A 12-digit emulator account for this run (local targets); a fresh one keeps runs apart. */
  accountId?: string;
  /** Prefix of resource names; random unless given. */
  prefix?: string;
}

/** What {@link runLab} needs. */
export interface RunLabOptions extends Omit<RunLabsOptions, 'labs'> {
  lab: Lab;
  /** The learner's folder of this lab. */
  labDir: string;
}

/** Host credentials a run on a local target must never see. */
const HOST_SECRETS = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|DEFAULT_REGION|SECURITY_TOKEN|PROFILE|SHARED_CREDENTIALS_FILE|CONFIG_FILE|CONTAINER_CREDENTIALS_FULL_URI|CONTAINER_AUTHORIZATION_TOKEN|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN)$/;

/** A random 12-digit account id for a run (never the default account, so runs stay apart). */
export function freshAccountId(): string {
  return `9${String(randomBytes(6).readUIntBE(0, 6) % 1e11).padStart(11, '0')}`;
}

/** A test failure as Vitest reports it: a message, and for assertions the values compared. */
export interface FailureLike {
  message?: string;
  expected?: string;
  actual?: string;
}

function oneLine(value: string): string {
  return value.replace(/^(Object|Array) /gm, '').replace(/\s*\n\s*/g, ' ').replace(/,(\s*[}\]])/g, '$1').trim();
}

/** Shortens a test failure to one plain line for the checklist: "what: expected X, got Y" where it can. */
export function plainReason(failure: FailureLike | string | undefined): string {
  const error = typeof failure === 'string' ? { message: failure } : (failure ?? {});
  const message = error.message ?? 'failed';
  const label = /^(.+?): expected /.exec(message.replace(/\u001b\[[0-9;]*m/g, ''))?.[1];
  if (label && error.expected !== undefined && error.actual !== undefined) {
    return clip(`${label}: expected ${oneLine(error.expected)}, got ${oneLine(error.actual)}`);
  }
  const text = message
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/ \/\/ Object\.is equality/g, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '') ?? 'failed';
  return clip(text);
}

function clip(text: string): string {
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

/** Runs one lab's grader and returns one result per check of lab.json. */
export async function runLab(options: RunLabOptions): Promise<LabResult> {
  const { lab, labDir, ...rest } = options;
  return (await runLabs({ ...rest, labs: [{ lab, labDir }] }))[0]!;
}

/** The environment a run's graders (and the learner code they start) see. */
function runEnvironment(options: RunLabsOptions, seed: number): Record<string, string> {
  const env: Record<string, string> = {
    WORKSHOP_LAB_DIRS: JSON.stringify(Object.fromEntries(options.labs.map(({ lab, labDir }) => [lab.id, labDir]))),
    WORKSHOP_TARGET: options.target.name,
    WORKSHOP_SEED: String(seed),
    WORKSHOP_PREFIX: options.prefix ?? `ws${randomBytes(3).toString('hex')}`,
    AWS_REGION: options.target.region,
  };
  if (options.target.endpoint) env.AWS_ENDPOINT_URL = options.target.endpoint;
  if (options.target.name !== 'aws') {
    // Learner code that builds its own SDK clients lands in this run's account, as code in Lambda does.
    const account = options.accountId ?? freshAccountId();
    env.WORKSHOP_ACCOUNT = account;
    env.AWS_ACCESS_KEY_ID = account;
    env.AWS_SECRET_ACCESS_KEY = 'test';
    env.AWS_CONFIG_FILE = devNull;
    env.AWS_SHARED_CREDENTIALS_FILE = devNull;
  }
  return env;
}

/**
 * Runs lab graders with one Vitest instance that can serve many runs (a grading job reuses it for
 * submission after submission). Each run's settings go to the graders through a run file, since a
 * Vitest instance's environment is fixed when it is created.
 */
export class LabRunner {
  private vitest: Awaited<ReturnType<typeof createVitest>> | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'workshop-run-'));
  private readonly runFile = join(this.dir, 'run.json');
  private readonly saved = new Map<string, string>();

  /** `local`: the runs target a local emulator, so the host's AWS credentials are hidden while the runner lives. */
  constructor(local: boolean) {
    if (!local) return;
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && HOST_SECRETS.test(key)) {
        this.saved.set(key, value);
        delete process.env[key];
      }
    }
  }

  /** Runs the graders of the given labs (files one after the other in one worker) and returns a result per lab, in order. */
  async run(options: RunLabsOptions): Promise<LabResult[]> {
    const started = performance.now();
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    writeFileSync(this.runFile, JSON.stringify(runEnvironment(options, seed)));
    const graderFiles = options.labs.map(({ lab }) => lab.graderFile);
    this.vitest ??= await createVitest('test', {
      config: false,
      watch: false,
      reporters: [],
      root: KIT_ROOT,
      include: ['test/labs/*.test.ts'],
      pool: 'forks',
      maxWorkers: 1,
      isolate: false,
      fileParallelism: false,
      env: { WORKSHOP_RUN_FILE: this.runFile },
    } as never);
    const result = await this.vitest.start(graderFiles);
    const durationMs = performance.now() - started;
    return options.labs.map(({ lab }) => {
      const module = result.testModules.find((candidate) => candidate.moduleId === lab.graderFile);
      const fileError = module?.errors()[0] ?? (module ? undefined : 'the grader did not run');
      const tests = new Map([...(module?.children.allTests() ?? [])].map((test) => [test.name, test]));
      const checks: CheckResult[] = lab.definition.checks.map((check) => {
        const test = tests.get(check.id);
        const outcome = test?.result();
        const passed = outcome?.state === 'passed';
        const reason = passed
          ? 'passed'
          : plainReason((outcome?.errors?.[0] as FailureLike | undefined) ?? fileError ?? (test ? 'did not run' : `the grader has no test named "${check.id}"`));
        return { id: check.id, title: check.title, passed, points: passed ? check.points : 0, maxPoints: check.points, message: reason, durationMs: test?.diagnostic()?.duration ?? 0 };
      });
      return {
        labId: lab.id,
        title: lab.definition.title,
        checks,
        score: checks.reduce((sum, check) => sum + check.points, 0),
        maxScore: checks.reduce((sum, check) => sum + check.maxPoints, 0),
        seed,
        durationMs: module?.diagnostic().duration ?? durationMs / options.labs.length,
      };
    });
  }

  /** Ends the Vitest instance, removes the run file and gives the host's credentials back. */
  async close(): Promise<void> {
    await this.vitest?.close();
    this.vitest = undefined;
    rmSync(this.dir, { recursive: true, force: true });
    for (const [key, value] of this.saved) process.env[key] = value;
    this.saved.clear();
  }
}

/** Runs the graders of several labs once, with a runner of its own. */
export async function runLabs(options: RunLabsOptions): Promise<LabResult[]> {
  const runner = new LabRunner(options.target.name !== 'aws');
  try {
    return await runner.run(options);
  } finally {
    await runner.close();
  }
}
