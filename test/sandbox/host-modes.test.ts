/**
 * The OS sandbox leaves the host's folders as it found them: what learner code may read is bound
 * read-only with its own modes, never opened up with chmod, and a 0700 folder on the way (/root
 * above the kit's Node.js, a mkdtemp folder) still lets the code through inside the sandbox.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { LearnerProcess } from '../../src/core/grader/sandbox.ts';
import { learnerCommand } from '../../src/sandbox/index.ts';
import { hasOsSandbox } from './support.ts';

const bwrap = hasOsSandbox('host-modes.test.ts');
const root = mkdtempSync(join(tmpdir(), 'host-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Each folder from `folder` up to /, with its mode. */
function modesUp(folder: string): Record<string, string> {
  const modes: Record<string, string> = {};
  for (let dir = folder; ; dir = dirname(dir)) {
    modes[dir] = (statSync(dir).mode & 0o7777).toString(8);
    if (dir === '/') return modes;
  }
}

/** A host folder the code may enter but not list (0711), inside one only its owner may enter (0700). */
function hostFolder(name: string): string {
  const hidden = join(root, name);
  mkdirSync(hidden, { mode: 0o700 });
  const folder = join(hidden, 'code');
  mkdirSync(folder);
  chmodSync(hidden, 0o700);
  chmodSync(folder, 0o711);
  return folder;
}

describe.skipIf(!bwrap)('the OS sandbox and the modes of host folders', () => {
  it('runs code from a host folder and the kit’s Node.js without changing a mode on the way', () => {
    const folder = hostFolder('command');
    writeFileSync(join(folder, 'run.sh'), `echo from-host-folder\n"${process.execPath}" -e 'console.log(40 + 2)'\n`, { mode: 0o755 });
    const before = { ...modesUp(folder), ...modesUp(dirname(process.execPath)) };
    const { command, args } = learnerCommand({
      command: '/bin/sh', args: [join(folder, 'run.sh')], readOnly: [folder, dirname(process.execPath)], chdir: folder, owner: 'host-modes-command',
    });
    const run = spawnSync(command, args, { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual(['from-host-folder', '42']);
    expect({ ...modesUp(folder), ...modesUp(dirname(process.execPath)) }).toEqual(before);
  });

  it('runs a learner process without changing the modes of its lab folder, the kit’s node_modules or Node.js’s folders', async () => {
    const lab = hostFolder('lab');
    writeFileSync(join(lab, 'mod.ts'), 'export function answer() { return 42; }\n', { mode: 0o644 });
    const watched = [lab, join(KIT_ROOT, 'node_modules'), dirname(process.execPath)];
    const before = Object.assign({}, ...watched.map(modesUp)) as Record<string, string>;
    const learner = new LearnerProcess(lab, { WORKSHOP_ACCOUNT: '123456789012' });
    try {
      expect(await learner.call(join(lab, 'mod.ts'), 'answer', [], { timeoutMs: 20_000, memoryMb: 128 })).toBe(42);
    } finally {
      learner.close();
    }
    expect(Object.assign({}, ...watched.map(modesUp))).toEqual(before);
  });
});
