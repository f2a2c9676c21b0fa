/**
 * The kit's pristine starter files, whatever the learner has done to `labs/`. `labs/starters.json`
 * records each starter's git blob id: content-addressed, so the same starter has the same id in the
 * kit's repository, a learner's clone with their own commits, and a template copy with squashed
 * history. A starter is read from the working tree while it is untouched, else from git's objects.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { coreMessage } from './core-messages.ts';
import { EXIT, WorkshopError } from './errors.ts';
import { KIT_ROOT } from './kit.ts';
import { listLabs, type Lab } from './labs.ts';

/** Starter path (relative to `labs/`) -> git blob id of its pristine content. */
export type StarterManifest = Record<string, string>;

/** Where the manifest lives in a kit. */
export function starterManifestPath(root = KIT_ROOT): string {
  return join(root, 'labs', 'starters.json');
}

/** The id git gives a file with this content (`git hash-object`), computed without git. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** Reads the manifest; a missing or unreadable one is the kit's fault and says how to make it. */
export function readStarterManifest(root = KIT_ROOT): StarterManifest {
  const file = starterManifestPath(root);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch (error) {
    throw new WorkshopError('NO_STARTER_MANIFEST', coreMessage('manifestUnreadable', { file, reason: (error as Error).message }), {
      hint: coreMessage('restoreManifest'),
      exitCode: EXIT.failed,
    });
  }
}

/** The manifest the working tree's starters would have: what `npm run starters` writes. */
export function manifestOfWorkingTree(root = KIT_ROOT): StarterManifest {
  const manifest: StarterManifest = {};
  for (const lab of listLabs(root)) {
    for (const file of lab.definition.files) manifest[`${lab.id}/${file}`] = gitBlobId(readFileSync(join(lab.starterDir, file)));
  }
  return manifest;
}

function fromGit(root: string, blobId: string): Buffer | undefined {
  try {
    return execFileSync('git', ['cat-file', 'blob', blobId], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The pristine content of one starter file of `lab`, from the working tree or from git. */
export function starterContent(lab: Lab, file: string, root = KIT_ROOT, manifest = readStarterManifest(root)): Buffer {
  const key = `${lab.id}/${file}`;
  const blobId = manifest[key];
  if (!blobId) {
    throw new WorkshopError('NO_STARTER', coreMessage('starterNotListed', { key }), { hint: coreMessage('runStarters'), exitCode: EXIT.failed });
  }
  const path = join(lab.starterDir, file);
  if (existsSync(path)) {
    const current = readFileSync(path);
    if (gitBlobId(current) === blobId) return current;
  }
  const stored = fromGit(root, blobId);
  if (stored && gitBlobId(stored) === blobId) return stored;
  throw new WorkshopError('NO_STARTER', coreMessage('starterGone', { key }), {
    hint: coreMessage('needsClone'),
    exitCode: EXIT.failed,
  });
}

/**
 * Writes `<dest>/<lab id>/` for each lab: its folder as it is (lab.json, READMEs) with every starter
 * file put back to its pristine content, so tests and checks see the starters the kit ships.
 */
export function writePristineStarters(dest: string, labs: Lab[] = listLabs(), root = KIT_ROOT): string {
  const manifest = readStarterManifest(root);
  for (const lab of labs) {
    const target = join(dest, lab.id);
    cpSync(lab.starterDir, target, { recursive: true });
    for (const file of lab.definition.files) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      writeFileSync(join(target, file), starterContent(lab, file, root, manifest));
    }
  }
  return dest;
}
