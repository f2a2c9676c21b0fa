import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLab } from '../../src/core/labs.ts';
import { useTempFolders } from '../support/learner.ts';
import { freePort } from '../support/ports.ts';
import { runCli } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';

const lab02 = findLab('02');
const HINTS = Object.fromEntries(Object.entries(lab02.definition.hints).map(([id, texts]) => [id, texts.en]));
const folders = useTempFolders();
/** A learner's folder holding lab 02 (its lab.json and files), and a cwd for .workshop/. */
const learnerCopy = () => folders.learnerCopy([lab02]);

/** A first attempt at lab 02: creates the function and returns its ARN, but neither waits nor updates. */
const CREATE_ONLY = `import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';

const lambda = new LambdaClient({});

export async function deployFunction(input) {
  const created = await lambda.send(new CreateFunctionCommand({
    FunctionName: input.name, Role: input.role, Runtime: input.runtime, Handler: input.handler,
    Code: { ZipFile: input.zipFile }, Environment: { Variables: input.environment ?? {} }, Timeout: input.timeout,
  }));
  return created.FunctionArn;
}
`;

function writeProgressFile(cwd: string, labs: Record<string, unknown>): void {
  mkdirSync(join(cwd, '.workshop'), { recursive: true });
  writeFileSync(join(cwd, '.workshop', 'progress.json'), JSON.stringify({ version: 1, labs }));
}

function revealedIn(cwd: string): unknown {
  return JSON.parse(readFileSync(join(cwd, '.workshop', 'progress.json'), 'utf8')).labs[lab02.id].hintsRevealed;
}

/** The hint texts a `hint --all` listing shows, in order. */
function listed(stdout: string): string[] {
  return stdout.split('\n').flatMap((line) => /^\d+\. \(.+?\) (.+)$/.exec(line)?.[1] ?? []);
}

describe('hints across a check that starts to pass', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`, WORKSHOP_TARGET: 'emulator' };
  });

  it('reveals the next hint of the checks still failing, skips none, and lists only those shown', async () => {
    const { labs, cwd } = learnerCopy();
    const first = await runCli(['hint', '02'], { env, cwd });
    expect(first.stdout).toContain('Hint 1 of 8 for lab 02, check "Creates the function as described and returns its ARN"');
    expect(first.stdout).toContain(HINTS['create-function-input']);
    const again = await runCli(['hint', '02'], { env, cwd });
    expect(again.stdout).toContain('Hint 2 of 8');
    expect(again.stdout).toContain(HINTS['return-the-arn']);

    writeFileSync(join(labs, lab02.id, 'deploy.ts'), CREATE_ONLY);
    const check = await runCli(['check', '02', '--dir', labs, '--seed', '7'], { env, cwd, timeoutMs: 120_000 });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/✔ Creates the function as described and returns its ARN/);
    expect(check.stdout).toMatch(/✖ Returns only once the function is Active/);
    expect(check.stdout).toContain('Stuck on "Returns only once the function is Active"? `npx workshop hint 02` reveals a hint.');

    const second = await runCli(['hint', '02'], { env, cwd });
    expect(second.stdout).toContain('Hint 1 of 6 for lab 02, check "Returns only once the function is Active"');
    expect(second.stdout).toContain(HINTS['pending-state']);
    const third = await runCli(['hint', '02'], { env, cwd });
    expect(third.stdout).toContain('Hint 2 of 6');
    expect(third.stdout).toContain(HINTS['active-waiter']);

    expect(revealedIn(cwd)).toEqual(['create-function-input', 'return-the-arn', 'pending-state', 'active-waiter']);
    const all = await runCli(['hint', '02', '--all'], { env, cwd });
    expect(all.code).toBe(0);
    expect(listed(all.stdout)).toEqual([HINTS['create-function-input'], HINTS['return-the-arn'], HINTS['pending-state'], HINTS['active-waiter']]);
    expect(all.stdout).not.toContain(HINTS['conflict-means-exists']);
    expect(all.stdout).toContain('(Creates the function as described and returns its ARN)');
  }, 150_000);

  it('lists nothing with --all before any hint is shown', async () => {
    const { cwd } = learnerCopy();
    const all = await runCli(['hint', '02', '--all'], { env, cwd });
    expect(all.code).toBe(0);
    expect(listed(all.stdout)).toEqual([]);
    expect(all.stdout).toContain('No hint for lab 02 is revealed yet: run `npx workshop hint 02`');
  });

  it('reveals hints in Chinese with --lang zh-cn, in the same order', async () => {
    const { cwd } = learnerCopy();
    const run = await runCli(['hint', '02', '--lang', 'zh-cn'], { env, cwd });
    expect(run.stdout).toContain('实验 02 的第 1 条提示（共 8 条），检查项“按描述创建函数并返回其 ARN”：');
    expect(run.stdout).toContain(lab02.definition.hints['create-function-input']!['zh-cn']);
    expect(englishLeaks(run.stdout)).toEqual([]);
    expect(revealedIn(cwd)).toEqual(['create-function-input']);
  });

  it('says so and lists them when every hint of the failing checks is shown', async () => {
    const { cwd } = learnerCopy();
    const checks = lab02.definition.checks.map((check) => ({ id: check.id, title: check.title, passed: check.id !== 'active-on-return', points: 0, maxPoints: check.points, message: '' }));
    writeProgressFile(cwd, { [lab02.id]: { bestScore: 8, maxScore: 10, checksPassed: [], hintsRevealed: ['active-waiter', 'pending-state'], lastResult: { checks } } });
    const run = await runCli(['hint', '02'], { env, cwd });
    expect(run.stdout).toContain('Every hint for the checks still failing in lab 02 is shown');
    expect(listed(run.stdout)).toEqual([HINTS['pending-state'], HINTS['active-waiter']]);
    expect(revealedIn(cwd)).toEqual(['active-waiter', 'pending-state']);
  });

  it('reads a progress file that counted hints: the count means the first hints of the whole lab', async () => {
    const { cwd } = learnerCopy();
    const checks = [{ id: 'creates-function', title: 'Creates the function as described and returns its ARN', passed: true, points: 3, maxPoints: 3, message: 'passed' }];
    writeProgressFile(cwd, { [lab02.id]: { bestScore: 3, maxScore: 10, checksPassed: ['creates-function'], hintsShown: 1, lastRun: '2026-01-01T00:00:00.000Z', lastResult: { checks } } });
    const run = await runCli(['hint', '02'], { env, cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Hint 1 of 6');
    expect(run.stdout).toContain(HINTS['pending-state']);
    expect(revealedIn(cwd)).toEqual(['create-function-input', 'pending-state']);
  });

  it('starts a lab entry of the wrong shape afresh instead of crashing', async () => {
    const { cwd } = learnerCopy();
    writeProgressFile(cwd, { [lab02.id]: { hintsShown: 'two', hintsRevealed: 'pending-state', lastResult: { checks: 'none' } } });
    const run = await runCli(['hint', '02'], { env, cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Hint 1 of 8');
    expect(revealedIn(cwd)).toEqual(['create-function-input']);
  });
});
