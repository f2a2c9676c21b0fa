/**
 * The OS sandbox itself (bubblewrap), driven with shell commands: shell commands are what Node's
 * permission model never saw, so each check here is the sandbox's alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { LEARNER_UIDS, learnerCommand, sandboxedExit } from '../../src/sandbox/index.ts';
import { eventually } from '../support/eventually.ts';
import { hasOsSandbox, processesWith, uniqueSeconds } from './support.ts';

const bwrap = hasOsSandbox('os-sandbox.test.ts');
const root = mkdtempSync(join(tmpdir(), 'os-sandbox-'));
const code = mkdtempSync(join(root, 'code-'));
const other = mkdtempSync(join(root, 'other-'));
const own = mkdtempSync(join(root, 'tmp-'));
const secret = join(root, 'secret.txt');
writeFileSync(secret, 'instructor only');
chmodSync(secret, 0o600);
writeFileSync(join(other, 'index.js'), 'another learner');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `script` with sh in a sandbox that may read `code` and write `own`. */
function sandboxed(script: string) {
  return learnerCommand({ command: '/bin/sh', args: ['-c', script], readOnly: [code], writable: [own], chdir: code, owner: 'os-sandbox-test' });
}

function run(script: string, env: Record<string, string> = { PATH: '/usr/bin:/bin' }) {
  const { command, args } = sandboxed(script);
  const done = spawnSync(command, args, { env, encoding: 'utf8', timeout: 20_000 });
  return { out: done.stdout.trim(), err: done.stderr, status: done.status, signal: done.signal };
}

describe.skipIf(!bwrap)('the OS sandbox (bubblewrap)', () => {
  it('shows the code its own folders and the system, not the host’s files', () => {
    const tried = run([
      `cat ${secret} || echo no-secret`,
      'cat /root/.bashrc >/dev/null 2>&1 || echo no-bashrc',
      `cat ${other}/index.js || echo no-other`,
      `ls ${join(KIT_ROOT, 'solutions')} || echo no-solutions`,
      `ls ${join(KIT_ROOT, 'test', 'labs')} || echo no-graders`,
      'ls ~/.aws 2>/dev/null || echo no-aws',
      'pwd',
    ].join('\n'));
    expect(tried.out.split('\n')).toEqual(['no-secret', 'no-bashrc', 'no-other', 'no-solutions', 'no-graders', 'no-aws', code]);
  });

  it('sees only its own processes and no host environment', () => {
    process.env.WORKSHOP_HOST_SECRET = 'must-not-leak';
    try {
      const tried = run(`ls /proc | grep -E '^[0-9]+$' | sort -n | tr '\\n' ' '; echo; cat /proc/${process.pid}/environ || echo no-host-process; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c must-not-leak; tr '\\0' '\\n' < /proc/$$/environ`);
      const [pids, host, leaks, ...env] = tried.out.split('\n');
      // bwrap's init (1), the shell (2) and the pipeline's commands: nothing of the host.
      expect(pids!.trim().split(' ').map(Number).every((pid) => pid < 20)).toBe(true);
      expect(host).toBe('no-host-process');
      expect(leaks).toBe('0');
      expect(env).toEqual(['PATH=/usr/bin:/bin']);
    } finally {
      delete process.env.WORKSHOP_HOST_SECRET;
    }
  });

  it('writes only its own temporary folders', () => {
    const tried = run([
      `touch ${code}/x 2>/dev/null || echo code-read-only`,
      `touch ${join(KIT_ROOT, 'test', 'labs', 'planted.test.ts')} 2>/dev/null || echo kit-read-only`,
      'touch /usr/x 2>/dev/null || echo usr-read-only',
      'touch /x 2>/dev/null || echo root-read-only',
      `echo mine > ${own}/file && cat ${own}/file`,
      'echo scratch > /tmp/file && cat /tmp/file',
      'df -m /tmp | tail -1 | tr -s " " | cut -d" " -f2',
    ].join('\n'));
    expect(tried.out.split('\n')).toEqual(['code-read-only', 'kit-read-only', 'usr-read-only', 'root-read-only', 'mine', 'scratch', '512']);
    expect(existsSync(join(KIT_ROOT, 'test', 'labs', 'planted.test.ts'))).toBe(false);
  });

  it('runs with Lambda’s limits, as an unprivileged uid when the kit is root', () => {
    const tried = run('grep -E "^Max (processes|open files|file size)" /proc/self/limits | tr -s " "; id -u; grep CapEff /proc/self/status | tr -d "\\t"');
    const [fileSize, processes, files, uid, caps] = tried.out.split('\n').map((line) => line.trim());
    expect([fileSize, processes, files]).toEqual([
      `Max file size ${512 * 1024 * 1024} ${512 * 1024 * 1024} bytes`, 'Max processes 1024 1024 processes', 'Max open files 1024 1024 files',
    ]);
    if (process.getuid?.() === 0) expect(Number(uid)).toBeGreaterThanOrEqual(LEARNER_UIDS.first);
    expect(caps).toBe('CapEff:0000000000000000');
  });

  it('reports a command killed by a signal as that signal', () => {
    const tried = run('kill -SEGV $$');
    expect(sandboxedExit(tried.status, tried.signal)).toEqual({ code: null, signal: 'SIGSEGV' });
  });

  it('leaves no process behind once it ends, whatever the code started', async () => {
    const seconds = uniqueSeconds();
    // A detached grandchild in a session of its own that ignores the polite signals, and a fork loop.
    const script = `setsid sh -c 'trap "" TERM HUP INT; exec sleep ${seconds}' & (while :; do sleep ${seconds} & sleep 0.05; done) & echo started; wait`;
    const { command, args } = sandboxed(script);
    const child = spawn(command, args, { env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    await eventually(() => processesWith(`sleep ${seconds}`).length >= 2, 5000);
    child.kill('SIGKILL');
    await eventually(() => processesWith(`sleep ${seconds}`).length === 0, 5000);
  });
});
