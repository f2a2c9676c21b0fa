import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLab } from '../../src/core/labs.ts';
import { starterContent } from '../../src/core/starters.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';
import { clientsAt } from '../support/emulator.ts';
import { useTempFolders } from '../support/learner.ts';
import { freePort } from '../support/ports.ts';

const KIT = join(import.meta.dirname, '..', '..');
const { tempDir, learnerCopy } = useTempFolders();

describe('the learner loop through the real CLI', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    // Each run of this file gets its own emulator port, so it never meets another run's emulator.
    env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`, WORKSHOP_TARGET: 'emulator' };
  });

  it('checks an untouched starter: a failing checklist with reasons and the hint command', async () => {
    const { labs, cwd } = learnerCopy();
    const run = await runCli(['check', '01', '--dir', labs, '--seed', '7'], { env, cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Lab 01: Your first order handler');
    expect(run.stdout).toMatch(/✖ Accepts a valid order and returns its total\s+0\/3/);
    expect(run.stdout).toContain('totalCents for order ord-1000 (2 x 1250, no code, EUR): expected 3000 (2500 + 500 tax), got 0');
    expect(run.stdout).toContain('`npx workshop hint 01` reveals a hint');
    const progress = JSON.parse(readFileSync(join(cwd, '.workshop', 'progress.json'), 'utf8'));
    expect(progress.labs['01-first-handler']).toMatchObject({ bestScore: 0, maxScore: 10, hintsRevealed: [] });
  });

  it('passes the solution with full points and prints results.json with --json', async () => {
    const cwd = tempDir('learner-');
    const run = await runCli(['check', '01', '--dir', join(KIT, 'solutions'), '--json'], { env, cwd });
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout);
    expect(results).toMatchObject({ version: 3, status: 'pass', lab: '01-first-handler', score: 10, max_score: 10 });
    expect(results.tests).toHaveLength(4);
  });

  it('reveals hints one at a time and remembers how many were shown', async () => {
    const cwd = tempDir('learner-');
    const first = await runCli(['hint', '1'], { env, cwd });
    expect(first.stdout).toContain('Hint 1 of');
    const second = await runCli(['hint', '01'], { env, cwd });
    expect(second.stdout).toContain('Hint 2 of');
    expect(JSON.parse(readFileSync(join(cwd, '.workshop', 'progress.json'), 'utf8')).labs['01-first-handler'].hintsRevealed).toEqual(['shape-of-answer', 'sum-lines']);
    const missing = await runCli(['hint'], { env, cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('for example `npx workshop hint 01`');
  });

  it('survives a corrupt progress file: reports it, sets it aside and starts fresh', async () => {
    const { cwd } = learnerCopy();
    const file = join(cwd, '.workshop', 'progress.json');
    await runCli(['hint', '01'], { env, cwd });
    writeFileSync(file, '{ this is not json');
    const run = await runCli(['hint', '01'], { env, cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('could not be read');
    expect(run.stdout).toContain('Hint 1 of');
  });

  it('reports a handler that does not compile with its file and line, on every check', async () => {
    const { labs, cwd } = learnerCopy();
    writeFileSync(join(labs, '01-first-handler', 'handler.ts'), 'export async function handleOrder(event) {\n  return { status: \n}\n');
    const run = await runCli(['check', '01', '--dir', labs], { env, cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/handler\.ts does not compile: .*handler\.ts:3:/);
  });

  it('names the labs there are when asked for one that does not exist', async () => {
    const run = await runCli(['check', '99'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no lab "99"');
    expect(run.stderr).toContain('01-first-handler');
  });
});

describe('deploy and reset against a running emulator', () => {
  let running: RunningEmulator;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, log: () => {} });
  });
  afterAll(() => running.stop());

  it('deploys the handler, updates it on a second deploy, and reset deletes it', async () => {
    const env = { ...process.env, AWS_ENDPOINT_URL: running.url, WORKSHOP_TARGET: 'emulator' };
    const first = await runCli(['deploy', '01', '--dir', join(KIT, 'solutions')], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created.');
    expect(first.stdout).toContain('arn:aws:lambda:us-east-1:000000000000:function:shop-handle-order');
    expect(first.stdout).toContain(`aws lambda invoke --endpoint-url ${running.url} --function-name shop-handle-order`);
    const clients = clientsAt(running.url);
    expect((await clients.lambda.send(new GetFunctionCommand({ FunctionName: 'shop-handle-order' }))).Configuration?.State).toBe('Active');
    const second = await runCli(['deploy', '01', '--dir', join(KIT, 'solutions')], { env });
    expect(second.stdout).toContain('updated.');
    const reset = await runCli(['reset', '01'], { env });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Deleted: function shop-handle-order');
    await expect(clients.lambda.send(new GetFunctionCommand({ FunctionName: 'shop-handle-order' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    clients.destroy();
  });

  it('restores the starter files with reset --code, keeping a backup of the learner\'s version', async () => {
    const env = { ...process.env, AWS_ENDPOINT_URL: running.url, WORKSHOP_TARGET: 'emulator' };
    const { labs, cwd } = learnerCopy();
    const file = join(labs, '01-first-handler', 'handler.ts');
    writeFileSync(file, '// my own attempt\n');
    const refused = await runCli(['reset', '01', '--code', '--dir', labs], { env, cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes');
    const run = await runCli(['reset', '01', '--code', '--yes', '--dir', labs], { env, cwd });
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(starterContent(findLab('01'), 'handler.ts').toString('utf8'));
    const backup = /previous files are in (\S+)/.exec(run.stdout)?.[1];
    expect(backup && readFileSync(join(backup, 'handler.ts'), 'utf8')).toBe('// my own attempt\n');
  });
});

describe('workshop dev check', () => {
  // The first lab stands for the rest here: the cohort test grades every lab's starter, solution
  // and a mutant of each, and `npm run test:full` runs `workshop dev check` over every lab.
  for (const number of ['01']) {
    it(`proves lab ${number}'s grader fails its starter, passes its solution and catches every mutant`, async () => {
      const env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`, WORKSHOP_TARGET: 'emulator' };
      const run = await runCli(['dev', 'check', number], { env, timeoutMs: 300_000 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/All \d+ grader proofs hold for 1 lab\(s\)\./);
      expect(run.stdout).not.toContain('✖');
    }, 300_000);
  }
});
