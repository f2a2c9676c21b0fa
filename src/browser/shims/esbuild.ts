/**
 * `esbuild` in a page: the same `build`, run by esbuild-wasm in this thread, with the in-memory
 * file system (shims/fs.ts) as its disk. So src/core/deploy.ts's bundleHandler, with its
 * confinement to the lab folder, bundles a learner's handler in the page exactly as on a machine.
 */
import * as wasm from 'esbuild-wasm';
import type { BuildOptions, BuildResult, Loader, Plugin } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

let wasmUrl: string | undefined;
let started: Promise<void> | undefined;

/** Where esbuild.wasm is fetched from; set once, before the first build. */
export function setEsbuildWasmUrl(url: string | URL): void {
  wasmUrl = String(url);
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.json': 'json' };
// How esbuild's own resolver finds a relative import on disk, TypeScript's `./file.js` for file.ts included.
const SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];

const isFile = (candidate: string) => statSync(candidate, { throwIfNoEntry: false })?.isFile() === true;

/** Resolves and loads files from the in-memory file system; runs after the caller's plugins, where esbuild would read the disk. */
const memoryDisk: Plugin = {
  name: 'memory-disk',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (!args.path.startsWith('.') && !path.isAbsolute(args.path)) return { errors: [{ text: `Could not resolve "${args.path}"` }] };
      const base = path.resolve(args.resolveDir || '/', args.path);
      const candidates = [...SUFFIXES.map((suffix) => base + suffix), ...(/\.m?js$/.test(base) ? [base.replace(/\.(m?)js$/, '.$1ts')] : [])];
      const found = candidates.find(isFile);
      return found ? { path: found } : { errors: [{ text: `Could not resolve "${args.path}"` }] };
    });
    builder.onLoad({ filter: /.*/ }, (args) => ({
      contents: readFileSync(args.path),
      loader: LOADERS[path.extname(args.path)] ?? 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/** Fetches and compiles esbuild's wasm now (it takes a moment), so the first build does not wait for it. */
export function startEsbuild(): Promise<void> {
  started ??= wasm.initialize({ wasmURL: wasmUrl ?? new URL('./esbuild.wasm', import.meta.url).href, worker: false });
  return started;
}

/** esbuild's `build`, over the in-memory file system (write: false only: the page keeps outputs in memory). */
export async function build<T extends BuildOptions>(options: T): Promise<BuildResult<T>> {
  await startEsbuild();
  if (options.write !== false) throw new Error('esbuild in the page writes no files: pass write: false');
  // esbuild-wasm ships its own copy of esbuild's types: the same shapes under another name.
  return (await wasm.build({ ...options, plugins: [...(options.plugins ?? []), memoryDisk] } as never)) as unknown as BuildResult<T>;
}
