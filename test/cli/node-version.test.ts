/**
 * On a Node.js older than 22.18 every entry point (the `workshop` bin, `doctor` included, and the
 * npm scripts) says which version it found, which it needs and how to get Node.js 24, and exits 1,
 * instead of dying on a loader error about ".ts" files.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSupported, tooOldMessage } from '../../bin/node-version.mjs';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { CLI_ENTRY } from '../support/cli.ts';

/** A Node.js binary older than 22.18 on this machine, if one is installed (Debian's often is). */
function oldNode(): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'node')), '/usr/bin/node', '/usr/local/bin/node'];
  for (const file of new Set(candidates)) {
    if (!existsSync(file)) continue;
    try {
      const version = execFileSync(file, ['-e', 'process.stdout.write(process.versions.node)'], { timeout: 10_000 }).toString();
      if (!isSupported(version)) return file;
    } catch {
      continue;
    }
  }
  return undefined;
}

const old = oldNode();
if (!old) console.warn('node-version.test.ts: skipping the child-process checks: no Node.js older than 22.18 is installed here');

function run(node: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(node, args, { cwd: KIT_ROOT, timeout: 20_000 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('the Node.js version check', () => {
  it('accepts 22.18 and newer, and refuses what is older', () => {
    expect(['22.18.0', 'v22.18.1', '22.20.1', '23.0.0', '24.21.0'].map(isSupported)).toEqual([true, true, true, true, true]);
    expect(['22.17.9', '20.20.2', '18.19.0'].map(isSupported)).toEqual([false, false, false]);
  });

  it('says what it found, what it needs and how to get Node.js 24', () => {
    const text = tooOldMessage('v20.1.0', '/usr/bin/node');
    expect(text).toContain('Node.js v20.1.0 (/usr/bin/node)');
    expect(text).toContain('22.18 or newer');
    expect(text).toContain('Node.js 24');
  });

  it('lets the current Node.js through to the CLI', async () => {
    const result = await run(process.execPath, [CLI_ENTRY, '--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  describe.skipIf(!old)('on an old Node.js', () => {
    it('workshop doctor explains the version and exits 1', async () => {
      const result = await run(old!, [CLI_ENTRY, 'doctor']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('needs Node.js 22.18 or newer');
      expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    });

    it('the check the npm scripts run first exits 1 with the same words', async () => {
      const result = await run(old!, [join(KIT_ROOT, 'bin', 'node-version.mjs')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Node.js 24');
    });
  });
});
