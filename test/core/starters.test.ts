/**
 * The kit's pristine starters are found whatever the learner did to labs/: edited, committed, or a
 * copy with other history, and a kit update that changes a starter is followed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab } from '../../src/core/labs.ts';
import { gitBlobId, manifestOfWorkingTree, readStarterManifest, starterContent, starterManifestPath, writePristineStarters } from '../../src/core/starters.ts';

const LAB = '01-first-handler';
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A kit of one lab whose starter says `text`, with its manifest recorded. */
function kitWith(text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'starters-'));
  folders.push(root);
  mkdirSync(join(root, 'labs', LAB), { recursive: true });
  cpSync(join(KIT_ROOT, 'labs', LAB, 'lab.json'), join(root, 'labs', LAB, 'lab.json'));
  writeFileSync(join(root, 'labs', LAB, 'handler.ts'), text);
  writeFileSync(starterManifestPath(root), JSON.stringify(manifestOfWorkingTree(root)));
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'ignore' });
}

/** Makes `root` a git repository whose first commit holds the kit as it is. */
function committedKit(root: string): string {
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'kit');
  return root;
}

const handlerOf = (root: string) => starterContent(findLab('01', root), 'handler.ts', root).toString('utf8');

describe('pristine starters', () => {
  it('computes the blob id git computes', () => {
    const root = kitWith('// TODO: write it\n');
    git(root, 'init', '-q');
    const fromGit = execFileSync('git', ['hash-object', join(root, 'labs', LAB, 'handler.ts')]).toString().trim();
    expect(gitBlobId(readFileSync(join(root, 'labs', LAB, 'handler.ts')))).toBe(fromGit);
  });

  it('reads the starter from git after the learner edited it and committed the edit', () => {
    const root = kitWith('// TODO: the starter\n');
    committedKit(root);
    writeFileSync(join(root, 'labs', LAB, 'handler.ts'), 'export const solved = true;\n');
    expect(handlerOf(root)).toBe('// TODO: the starter\n');
    git(root, 'commit', '-q', '-am', 'my solution');
    expect(handlerOf(root)).toBe('// TODO: the starter\n');
  });

  it('follows a kit update that changes the starter, not the first version ever shipped', () => {
    const root = kitWith('// TODO: version 1\n');
    committedKit(root);
    writeFileSync(join(root, 'labs', LAB, 'handler.ts'), '// TODO: version 2\n');
    writeFileSync(starterManifestPath(root), JSON.stringify(manifestOfWorkingTree(root)));
    git(root, 'commit', '-q', '-am', 'kit v2');
    writeFileSync(join(root, 'labs', LAB, 'handler.ts'), 'export const solved = true;\n');
    expect(handlerOf(root)).toBe('// TODO: version 2\n');
  });

  it('says what to do when an edited starter has no git history to come back from', () => {
    const root = kitWith('// TODO: the starter\n');
    writeFileSync(join(root, 'labs', LAB, 'handler.ts'), 'export const solved = true;\n');
    expect(() => handlerOf(root)).toThrow(/neither in the folder nor in git's history/);
  });

  it('writes a copy of the labs with the starters put back and the rest of each folder kept', () => {
    const root = kitWith('// TODO: the starter\n');
    committedKit(root);
    writeFileSync(join(root, 'labs', LAB, 'handler.ts'), 'export const solved = true;\n');
    const dest = mkdtempSync(join(tmpdir(), 'starters-copy-'));
    folders.push(dest);
    writePristineStarters(dest, [findLab('01', root)], root);
    expect(readFileSync(join(dest, LAB, 'handler.ts'), 'utf8')).toBe('// TODO: the starter\n');
    expect(JSON.parse(readFileSync(join(dest, LAB, 'lab.json'), 'utf8')).id).toBe(LAB);
  });

  it('lists every starter file of the kit itself', () => {
    const manifest = readStarterManifest();
    for (const key of Object.keys(manifestOfWorkingTree())) expect(manifest[key], key).toMatch(/^[0-9a-f]{40}$/);
  });
});
