/** Throw-away learner folders for CLI tests: the kit's pristine starters, and a cwd for .workshop/. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Lab } from '../../src/core/labs.ts';
import { writePristineStarters } from '../../src/core/starters.ts';

/** Temporary folders removed when the test file ends; `learnerCopy` makes a learner's folder among them. */
export function useTempFolders(): { tempDir(prefix: string): string; learnerCopy(labs?: Lab[]): { labs: string; cwd: string } } {
  const folders: string[] = [];
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    folders.push(dir);
    return dir;
  };
  // The kit's starters, not labs/ as it is here: a learner who solved the labs still gets a green npm test.
  const learnerCopy = (labs?: Lab[]) => {
    const cwd = tempDir('learner-');
    return { labs: writePristineStarters(join(cwd, 'labs'), labs), cwd };
  };
  return { tempDir, learnerCopy };
}
