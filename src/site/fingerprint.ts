/**
 * The fingerprint of everything the lesson site's build reads: the site's own sources, the kit
 * files its pages import or generate from (lab.json and READMEs, examples, the kit's code), the
 * installed Astro and Starlight versions and the build recipe. `workshop start` rebuilds when it
 * differs from the one stored beside the last build.
 *
 * Contents are hashed, not modification times: a fresh clone, a checkout or a copy of the folder
 * touches every mtime without changing the site, and hashing these ~2 MB takes about 20 ms.
 * The learner's own lab files (starters they edit) are left out, so editing a lab never rebuilds.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

/** Bump when the way the site is built changes, so every stored build is rebuilt once. */
const RECIPE = 'static-build-1';

/** Folders of the site that builds write, never inputs. */
const SITE_OUTPUTS = new Set(['dist', join('src', 'generated')]);

/** What the site reads from the kit, relative to its root, with the files that count. */
const KIT_INPUTS: Array<{ dir: string; keep: (path: string) => boolean }> = [
  // The coverage and CLI pages are generated from the kit's code, and components import from it.
  { dir: 'src', keep: (path) => path.endsWith('.ts') },
  { dir: 'scripts', keep: (path) => path === 'site-data.ts' || path === 'lab-runner.ts' },
  // The lab runner the lab pages load bundles the graders.
  { dir: 'test/labs', keep: (path) => path.endsWith('.ts') },
  { dir: 'examples', keep: () => true },
  // Only what the lab pages show; the starter files are the learner's to edit, and the pages'
  // editor reads the pristine ones through starters.json (their git blob ids).
  { dir: 'labs', keep: (path) => path === 'starters.json' || /^[^/]+\/(lab\.json|README(\.[\w-]+)?\.md)$/.test(path) },
];
const KIT_FILES = ['package.json', 'package-lock.json'];

/** Where the fingerprint looks. */
export interface FingerprintSources {
  /** The kit's root (package.json, labs/, src/). */
  kitRoot: string;
  /** The Astro project. */
  siteRoot: string;
}

/** Every file under `dir` (relative, with `/`), skipping dot-files, node_modules and what `skip` names. */
function filesUnder(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      const rel = relative(dir, path);
      if (name.startsWith('.') || name === 'node_modules' || skip(rel)) continue;
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile()) found.push(rel.split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

/** The installed version of a package, or "missing". */
function versionOf(name: string): string {
  try {
    const file = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** A hex digest of every input of the site's build. */
export function siteFingerprint(sources: FingerprintSources): string {
  const hash = createHash('sha256');
  hash.update(`${RECIPE}\0astro@${versionOf('astro')}\0starlight@${versionOf('@astrojs/starlight')}\0`);
  const add = (label: string, file: string) => {
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return;
    }
    hash.update(`${label}\0${body.length}\0`);
    hash.update(body);
  };
  for (const path of filesUnder(sources.siteRoot, (rel) => SITE_OUTPUTS.has(rel))) add(`site:${path}`, join(sources.siteRoot, path));
  for (const input of KIT_INPUTS) {
    const dir = join(sources.kitRoot, input.dir);
    for (const path of filesUnder(dir).filter(input.keep)) add(`kit:${input.dir}/${path}`, join(dir, path));
  }
  for (const file of KIT_FILES) add(`kit:${file}`, join(sources.kitRoot, file));
  return hash.digest('hex');
}
