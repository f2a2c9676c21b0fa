import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerStopped } from '../../src/core/grader/context-messages.ts';
import { callLearner } from '../../src/core/grader/sandbox.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { useEmulator } from '../support/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'learner-code-'));
// A learner's own folder: the OS sandbox reads it with its own mode and never opens it up.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'mod.ts'), `
import { readFileSync } from 'node:fs';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
export async function double(value: number, bytes: Uint8Array) { return { value: value * 2, length: bytes.length }; }
export async function whoAmI(sts: STSClient) { return (await sts.send(new GetCallerIdentityCommand({}))).Account; }
export async function readSolution(path: string) { return readFileSync(path, 'utf8'); }
export async function secrets() { return { key: process.env.AWS_ACCESS_KEY_ID, host: process.env.HOST_ONLY_SECRET ?? 'absent' }; }
export async function refuse() { const error = new Error('bad order'); error.name = 'ValidationError'; throw error; }
export function spin() { for (;;) {} }
export function hoard() { const keep: string[] = []; for (;;) keep.push('x'.repeat(1024 * 1024) + keep.length); }
export function shout() { for (let i = 0; i < 20000; i++) console.log('noise '.repeat(50)); return 'done'; }
export async function exitEarly() { process.exit(3); }
`);

describe('learner code in the grading sandbox', () => {
  const emulator = useEmulator();
  const limits = { timeoutMs: 8000, memoryMb: 64 };
  const call = (name: string, ...args: unknown[]) => {
    process.env.AWS_ENDPOINT_URL = emulator.running.url;
    process.env.AWS_ACCESS_KEY_ID = '123456789012';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    process.env.WORKSHOP_ACCOUNT = '123456789012';
    process.env.HOST_ONLY_SECRET = 'do-not-leak';
    return callLearner(dir, 'mod.ts', name, args, limits);
  };

  it('passes data both ways, Uint8Array included', async () => {
    expect(await call('double', 21, new Uint8Array(5))).toEqual({ value: 42, length: 5 });
  });

  it('rebuilds SDK clients in the child, signed as the run\'s account', async () => {
    expect(await call('whoAmI', emulator.clients.sts)).toBe('123456789012');
    void GetCallerIdentityCommand;
  });

  it('keeps the learner\'s error name and message', async () => {
    await expect(call('refuse')).rejects.toMatchObject({ name: 'ValidationError', message: 'bad order' });
  });

  it('cannot read the kit\'s solutions or graders', async () => {
    await expect(call('readSolution', join(KIT_ROOT, 'solutions', '01-first-handler', 'handler.ts'))).rejects.toThrow(/ERR_ACCESS_DENIED|Access to this API has been restricted/);
    await expect(call('readSolution', join(KIT_ROOT, 'test', 'labs', '01-first-handler.test.ts'))).rejects.toThrow(/ERR_ACCESS_DENIED|Access to this API has been restricted/);
  });

  it('sees the run\'s credentials and nothing else from the host environment', async () => {
    expect(await call('secrets')).toEqual({ key: '123456789012', host: 'absent' });
  });

  it('stops an infinite loop at the time limit with a plain message', async () => {
    await call('double', 1, new Uint8Array());
    const stopped = await callLearner(dir, 'mod.ts', 'spin', [], { timeoutMs: 1500, memoryMb: 64 }).then(() => undefined, (error: unknown) => error);
    expect(learnerStopped(stopped)?.texts).toEqual({
      en: 'spin did not finish within 1.5 s: is it awaiting something that never resolves?',
      'zh-cn': 'spin 没有在 1.5 秒内完成：它是不是在 await 一个永远不会完成的 Promise？',
    });
  });

  it('stops code that eats memory', async () => {
    await expect(call('hoard')).rejects.toThrow(/hoard (exited|was stopped).*before answering/);
  });

  it('survives megabytes of output and still answers', async () => {
    expect(await call('shout')).toBe('done');
  });

  it('reports a process.exit as an early exit', async () => {
    const stopped = await call('exitEarly').then(() => undefined, (error: unknown) => error);
    expect(learnerStopped(stopped)?.texts).toEqual({ en: 'exitEarly exited with code 3 before answering', 'zh-cn': 'exitEarly 在给出结果之前就退出了，退出码 3' });
  });
});
