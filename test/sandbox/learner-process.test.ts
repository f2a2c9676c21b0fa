/**
 * The grader's learner process in the OS sandbox: the learner's module may start processes, and
 * they see nothing of the host and end with the process; without the OS sandbox a child process
 * is refused with a message that says how to get it.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { LearnerProcess } from '../../src/core/grader/sandbox.ts';
import { LEARNER_UIDS } from '../../src/sandbox/index.ts';
import { eventually } from '../support/eventually.ts';
import { hasOsSandbox, processesWith, uniqueSeconds } from './support.ts';

const bwrap = hasOsSandbox('learner-process.test.ts');
const root = mkdtempSync(join(tmpdir(), 'learner-process-'));
const lab = mkdtempSync(join(root, 'lab-'));
// A learner's own folder: the sandbox reads it with its own mode and never opens it up.
chmodSync(lab, 0o755);
const secret = join(root, 'secret.txt');
writeFileSync(secret, 'instructor only');
chmodSync(secret, 0o600);
writeFileSync(join(lab, 'mod.ts'), `
import { execSync, spawn } from 'node:child_process';
const sh = (command: string) => {
  try { return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(); }
  catch (error) { return 'failed: ' + String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\\n')[0]; }
};
export function look(secret: string, hostPid: number, labs: string) {
  return {
    secret: sh('cat ' + secret),
    host: sh('cat /proc/' + hostPid + '/environ'),
    processes: Number(sh("ls /proc | grep -cE '^[0-9]+$'")),
    planted: sh('touch ' + labs + '/planted.test.ts && echo written'),
    uid: Number(sh('id -u')),
  };
}
export function escape(seconds: string) {
  spawn('setsid', ['sh', '-c', 'trap "" TERM HUP INT; exec sleep ' + seconds], { detached: true, stdio: 'ignore' }).unref();
  return 'started';
}
export function run() {
  return execSync('echo hi').toString();
}
`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const limits = { timeoutMs: 20_000, memoryMb: 128 };
let learner: LearnerProcess | undefined;
afterEach(() => {
  learner?.close();
  delete process.env.WORKSHOP_SANDBOX;
});

describe.skipIf(!bwrap)('the learner process in the OS sandbox', () => {
  it('lets the learner’s code start processes that see nothing of the host', async () => {
    learner = new LearnerProcess(lab, { WORKSHOP_ACCOUNT: '123456789012' });
    const seen = await learner.call(join(lab, 'mod.ts'), 'look', [secret, process.pid, join(KIT_ROOT, 'test', 'labs')], limits) as Record<string, string | number>;
    expect(seen.secret).toMatch(/^failed: .*No such file/);
    expect(seen.host).toMatch(/^failed: .*No such file/);
    expect(seen.planted).toMatch(/^failed: /);
    expect(existsSync(join(KIT_ROOT, 'test', 'labs', 'planted.test.ts'))).toBe(false);
    expect(seen.processes).toBeLessThan(10);
    if (process.getuid?.() === 0) expect(seen.uid).toBeGreaterThanOrEqual(LEARNER_UIDS.first);
  });

  it('ends every process the learner’s code started when it closes', async () => {
    const seconds = uniqueSeconds();
    learner = new LearnerProcess(lab, { WORKSHOP_ACCOUNT: '123456789012' });
    expect(await learner.call(join(lab, 'mod.ts'), 'escape', [seconds], limits)).toBe('started');
    await eventually(() => processesWith(`sleep ${seconds}`).length === 1, 5000);
    learner.close();
    await eventually(() => processesWith(`sleep ${seconds}`).length === 0, 5000);
  });
});

describe('the learner process without an OS sandbox', () => {
  it('refuses a child process, saying that it needs Linux with bubblewrap and how to install it', async () => {
    process.env.WORKSHOP_SANDBOX = 'none';
    learner = new LearnerProcess(lab, {});
    await expect(learner.call(join(lab, 'mod.ts'), 'run', [], limits)).rejects.toThrow(
      /^child_process\.execSync cannot start a process here: .*needs Linux with bubblewrap.*apt-get install bubblewrap/,
    );
  });
});
