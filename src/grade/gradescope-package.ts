/**
 * The Gradescope autograder zip: `setup.sh` and `run_autograder` at its root (Gradescope's
 * layout), beside the kit itself, which Gradescope unpacks into /autograder/source. Only what
 * grading needs goes in: no solutions, no lesson site, no node_modules (setup.sh installs them
 * from the lock file).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { KIT_ROOT } from '../core/kit.ts';

/** The kit's files and folders the autograder needs, relative to its root. */
const KIT_PARTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'src', 'labs', 'test/labs'];

/** Folders left out wherever they are: the mutants are the maintainers' proof that graders fail, not graders. */
const LEFT_OUT = new Set(['node_modules', '.git', 'mutants', '.workshop']);

/** Unix permissions in a zip entry: run_autograder must stay executable once unpacked. */
const EXECUTABLE = { os: 3, attrs: (0o100755 << 16) >>> 0 };

function filesUnder(root: string, part: string): string[] {
  const path = join(root, part);
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [part];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(sep).some((name) => LEFT_OUT.has(name)));
}

/** The kit's files that grading needs: path (with forward slashes) -> content. */
export function kitFiles(root = KIT_ROOT): Record<string, Buffer> {
  return Object.fromEntries(KIT_PARTS.flatMap((part) => filesUnder(root, part)).sort().map((file) => [file.split(sep).join('/'), readFileSync(join(root, file))]));
}

/** The zip's entries: path -> content (with permissions for the scripts). */
export function gradescopeEntries(root = KIT_ROOT): Zippable {
  const entries: Zippable = { ...kitFiles(root) };
  for (const script of ['setup.sh', 'run_autograder']) entries[script] = [readFileSync(join(root, 'gradescope', script)), EXECUTABLE];
  return entries;
}

/** The autograder zip of the kit at `root`. */
export function gradescopePackage(root = KIT_ROOT): Uint8Array {
  return zipSync(gradescopeEntries(root), { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}
