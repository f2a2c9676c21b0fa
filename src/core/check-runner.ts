/**
 * Runs labs' graders (the kit's own test/labs/NN-slug.test.ts, never a submission's) with Vitest
 * against learners' lab folders, one run or a batch of runs per Vitest run, and turns each grader
 * file's tests into the lab's checks (check-results.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BaseSequencer, createVitest, type TestModule, type TestSpecification } from 'vitest/node';
import { labResultOf, type LabResult } from './check-results.ts';
import type { Lab } from './labs.ts';
import { KIT_ROOT } from './kit.ts';
import { graderEnvironment } from './run-env.ts';
import type { Target } from './target.ts';

export type { CheckResult, LabResult } from './check-results.ts';

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

/** Host credentials a run on a local target must never see. */
const HOST_SECRETS = /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|DEFAULT_REGION|SECURITY_TOKEN|PROFILE|SHARED_CREDENTIALS_FILE|CONFIG_FILE|CONTAINER_CREDENTIALS_FULL_URI|CONTAINER_AUTHORIZATION_TOKEN|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN)$/;

/** The environment a run's graders (and the learner code they start) see. */
function runEnvironment(options: RunLabsOptions, seed: number): Record<string, string> {
  const labDirs = Object.fromEntries(options.labs.map(({ lab, labDir }) => [lab.id, labDir]));
  return graderEnvironment(labDirs, seed, options.target, options);
}

/** Hears each lab's result as soon as its grader file ends: `run` is the index of its run. */
export type LabListener = (run: number, result: LabResult) => void;

/** A grader file of a batch: the kit's own, or a stand-in that runs it again for a later run. */
interface BatchFile {
  path: string;
  run: number;
  lab: Lab;
  seed: number;
}

/**
 * Runs lab graders with one Vitest instance that can serve many runs (a grading job reuses it for
 * submission after submission). Each run's settings go to the graders through a run file, keyed by
 * grader file, since a Vitest instance's environment is fixed when it is created.
 */
export class LabRunner {
  private vitest: Awaited<ReturnType<typeof createVitest>> | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'workshop-run-'));
  private readonly runFile = join(this.dir, 'run.json');
  private readonly saved = new Map<string, string>();
  private batches = 0;
  private order: string[] = [];
  private onModuleEnd: ((module: TestModule) => void) | undefined;

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

  /** Runs the graders of the given labs, one after the other in the order given, and returns a result per lab, in that order. */
  async run(options: RunLabsOptions, onLab?: LabListener): Promise<LabResult[]> {
    return (await this.runMany([options], onLab))[0]!;
  }

  /**
   * Runs several runs (each a learner's labs, in its own account) one after the other in a single
   * Vitest run, so one worker process serves them all; returns each run's results in order.
   */
  async runMany(runs: RunLabsOptions[], onLab?: LabListener): Promise<LabResult[][]> {
    const started = performance.now();
    const batchDir = join(this.dir, `batch-${++this.batches}`);
    const files: BatchFile[] = [];
    const settings: Record<string, Record<string, string>> = {};
    runs.forEach((options, run) => {
      const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
      const env = runEnvironment(options, seed);
      for (const { lab } of options.labs) {
        const path = run === 0 ? lab.graderFile : standIn(batchDir, run, lab);
        settings[path] = env;
        files.push({ path, run, lab, seed });
      }
    });
    writeFileSync(this.runFile, JSON.stringify(settings));
    this.order = files.map((file) => file.path);
    const byPath = new Map(files.map((file) => [file.path, file]));
    const heard = new Set<string>();
    this.onModuleEnd = (module) => {
      const file = byPath.get(module.moduleId);
      if (!file || heard.has(file.path)) return;
      heard.add(file.path);
      onLab?.(file.run, labResultOf(file.lab, module, file.seed));
    };
    let results: LabResult[][];
    const lost: number[] = [];
    try {
      const vitest = (this.vitest ??= await this.createVitest());
      const project = vitest.getRootProject();
      const result = await vitest.runTestSpecifications(files.map((file) => project.createSpecification(file.path)), false);
      const fallbackMs = (performance.now() - started) / files.length;
      const modules = new Map(result.testModules.map((module) => [module.moduleId, module]));
      const ran = new Set(files.filter((file) => modules.has(file.path)).map((file) => file.run));
      results = runs.map(() => []);
      for (const file of files) {
        const labResult = labResultOf(file.lab, modules.get(file.path), file.seed, fallbackMs);
        results[file.run]!.push(labResult);
        if (!ran.has(file.run)) {
          if (!lost.includes(file.run)) lost.push(file.run);
        } else if (!heard.has(file.path)) onLab?.(file.run, labResult);
      }
    } finally {
      this.onModuleEnd = undefined;
      rmSync(batchDir, { recursive: true, force: true });
    }
    // Runs none of whose grader files started lost their worker to an earlier run of the batch
    // (one that crashed it): they run again. Each round starts at least one run, so it ends.
    if (lost.length > 0 && lost.length < runs.length) {
      const again = await this.runMany(lost.map((run) => runs[run]!), (index, result) => onLab?.(lost[index]!, result));
      lost.forEach((run, index) => (results[run] = again[index]!));
    } else {
      for (const run of lost) for (const result of results[run]!) onLab?.(run, result);
    }
    return results;
  }

  private createVitest(): ReturnType<typeof createVitest> {
    const runner = this;
    // Vitest's own order puts slow and failed files first, read from a cache every run writes: the batch's order is kept instead.
    class GivenOrder extends BaseSequencer {
      override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
        return [...files].sort((a, b) => runner.order.indexOf(a.moduleId) - runner.order.indexOf(b.moduleId));
      }
    }
    return createVitest('test', {
      config: false,
      watch: false,
      reporters: [{ onTestModuleEnd: (module: TestModule) => runner.onModuleEnd?.(module) }],
      root: KIT_ROOT,
      include: ['test/labs/*.test.ts'],
      pool: 'forks',
      maxWorkers: 1,
      isolate: false,
      fileParallelism: false,
      sequence: { sequencer: GivenOrder },
      env: { WORKSHOP_RUN_FILE: this.runFile },
    } as never);
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

/**
 * A test file that runs `lab`'s grader once more, for run `run` of a batch: a grader file runs
 * once per Vitest run, but the same module imported under another query is a fresh instance.
 */
function standIn(batchDir: string, run: number, lab: Lab): string {
  const path = join(batchDir, `run-${run}`, `${lab.id}.test.ts`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `// Lab ${lab.id}'s grader, for run ${run} of this batch.\nimport ${JSON.stringify(`${lab.graderFile}?run=${run}`)};\n`);
  return path;
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
