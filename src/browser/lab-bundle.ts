/**
 * Builds what a lab page loads once "Do this lab here" is pressed, into a folder the site serves
 * at /_lab/: the lab worker (lab-worker.ts), each page lab's grader (graders/<lab id>.js, loaded
 * afresh for every check), the Lambda environment, the learner worker that runs a learner's own
 * modules for the graders (learner/learner-worker.ts). Shared code is split into chunks, so a grader loaded again reuses the emulator and SDK clients already loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { KIT_ROOT } from '../core/kit.ts';
import { listLabs, type Lab } from '../core/labs.ts';
import { pageBuildOptions } from './bundle.ts';
import { PAGE_LABS } from './page-labs.ts';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The files of a lab's folder the kit provides and the learner does not edit (lab 04's
 * store-order.ts): the panel sends only the lab's `files`, and the graders deploy these too.
 */
function providedFiles(lab: Lab): Record<string, string> {
  const skip = new Set(['lab.json', 'README.md', 'README.zh-cn.md', 'node_modules', ...lab.definition.files]);
  const found: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const name = `${prefix}${entry.name}`;
      if (skip.has(name)) continue;
      if (entry.isDirectory()) walk(join(folder, entry.name), `${name}/`);
      else found[name] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  walk(lab.starterDir, '');
  return found;
}

/** The kit's modules a page bundle replaces (kit.ts, the grader's sandbox.ts), and `vitest` (which graders import) by the page's runner. */
function labRunnerPlugin(): Plugin {
  return {
    name: 'lab-runner',
    setup(builder) {
      builder.onResolve({ filter: /^vitest$/ }, () => ({ path: join(here, 'grader', 'vitest-shim.ts') }));
      builder.onResolve({ filter: /[\\/]kit\.ts$/ }, (args) => {
        const resolved = join(args.resolveDir, args.path);
        return resolved === join(KIT_ROOT, 'src', 'core', 'kit.ts') ? { path: join(here, 'grader', 'page-kit.ts') } : undefined;
      });
      // Learner modules run in a learner worker, where a machine has a sandboxed child process.
      builder.onResolve({ filter: /[\\/]sandbox\.ts$/ }, (args) => {
        const resolved = join(args.resolveDir, args.path);
        return resolved === join(KIT_ROOT, 'src', 'core', 'grader', 'sandbox.ts') ? { path: join(here, 'learner', 'page-sandbox.ts') } : undefined;
      });
      builder.onResolve({ filter: /^virtual:lab-definitions$/ }, () => ({ path: 'lab-definitions', namespace: 'lab-runner' }));
      builder.onLoad({ filter: /^lab-definitions$/, namespace: 'lab-runner' }, () => {
        const definitions = Object.fromEntries(listLabs().map((lab) => [lab.id, readFileSync(join(lab.starterDir, 'lab.json'), 'utf8')]));
        const provided = Object.fromEntries(listLabs().filter((lab) => PAGE_LABS.includes(lab.id)).map((lab) => [lab.id, providedFiles(lab)]));
        return { contents: `export const LAB_DEFINITIONS = ${JSON.stringify(definitions)};\nexport const LAB_PROVIDED_FILES = ${JSON.stringify(provided)};`, loader: 'js' };
      });
    },
  };
}

/** What {@link bundleLabRunner} wrote. */
export interface LabRunnerBundle {
  outdir: string;
  metafile: Metafile;
}

/** Builds the lab runner into `outdir`; throws esbuild's errors. */
export async function bundleLabRunner(outdir: string, options: { minify?: boolean } = {}): Promise<LabRunnerBundle> {
  const shared = pageBuildOptions();
  const graders = Object.fromEntries(listLabs().filter((lab) => PAGE_LABS.includes(lab.id)).map((lab) => [`graders/${lab.id}`, lab.graderFile]));
  const result = await build({
    ...shared,
    entryPoints: {
      'lab-worker': join(here, 'lab-worker.ts'),
      'lambda-environment': join(here, 'lambda', 'environment-worker.ts'),
      'learner-worker': join(here, 'learner', 'learner-worker.ts'),
      ...graders,
    },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: options.minify ?? true,
    metafile: true,
    write: true,
    plugins: [labRunnerPlugin(), ...(shared.plugins ?? [])],
  });
  return { outdir, metafile: result.metafile };
}
