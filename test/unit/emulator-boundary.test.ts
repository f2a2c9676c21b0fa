/**
 * The emulator is a product of its own: nothing under src/emulator (nor the sandbox it runs
 * learner code in) reaches the kit's lab engine, CLI, grading or site, directly or through
 * another file, so it could be published and used without the kit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const KIT_ONLY = ['core', 'cli', 'grade', 'site'].map((folder) => join(SRC, folder));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The relative modules a file loads at run time (`import type` and `export type` are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return found.map((match) => resolve(dirname(file), match[1]!));
}

/** Every file the given ones load, following relative imports. */
function closure(start: string[]): Map<string, string> {
  const reachedFrom = new Map<string, string>();
  const queue = [...start];
  for (const file of start) reachedFrom.set(file, file);
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of runtimeImports(file)) {
      if (reachedFrom.has(target)) continue;
      reachedFrom.set(target, file);
      queue.push(target);
    }
  }
  return reachedFrom;
}

describe('the emulator\'s boundary', () => {
  it('loads nothing of the kit\'s lab engine, CLI, grading or site', () => {
    const start = [...files(join(SRC, 'emulator')), ...files(join(SRC, 'sandbox'))];
    expect(start.length).toBeGreaterThan(50);
    const reached = closure(start);
    const offending = [...reached.entries()]
      .filter(([target]) => KIT_ONLY.some((folder) => target.startsWith(`${folder}/`)))
      .map(([target, from]) => `${relative(SRC, from)} -> ${relative(SRC, target)}`);
    expect(offending).toEqual([]);
  });

  it('would catch such an import', () => {
    const reached = closure([join(SRC, 'core', 'target.ts')]);
    expect([...reached.keys()].some((file) => file.startsWith(`${join(SRC, 'emulator')}/`))).toBe(true);
  });
});
