import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/commands/table.ts';
import { runCli } from '../support/cli.ts';

describe('workshop (the CLI entry point)', () => {
  it('lists every command of the design with one line each under --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['check', 'watch', 'hint', 'deploy', 'reset', 'doctor', 'emulator', 'grade', 'dev']) {
      expect(COMMAND_NAMES).toContain(name);
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b.*\\S`, 'm'));
    }
  });

  it('prints help and exits 2 when no command is given', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: npx workshop <command>');
  });

  it('says what a command needs when it is called without it', async () => {
    const run = await runCli(['grade']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('workshop grade needs the folder of submissions');
    expect(run.stderr).toContain('next: for example `npx workshop grade submissions/ --out grades/`');
    expect(run.stdout).toBe('');
  });

  it('suggests the nearest command for a typo', async () => {
    const run = await runCli(['doctr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "doctr"');
    expect(run.stderr).toContain('did you mean `workshop doctor`?');
  });

  it('shows a command\'s own options with --help', async () => {
    const run = await runCli(['emulator', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--port');
    expect(run.stdout).toContain('--state');
  });

  it('turns a bad option value into a clear error with the fix', async () => {
    const run = await runCli(['emulator', '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port "eighty" is not a port number');
    expect(run.stderr).toContain('next:');
  });

  it('prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
