/**
 * Browser bundles of Node.js code: esbuild with Node's built-ins replaced by the page's shims
 * (shims/), `Buffer` and `process` injected as globals, and the state database swapped for the
 * page's in-memory one. The site build and the tests bundle the lab worker, the Lambda
 * environment bootstrap and test pages with it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const shim = (file: string) => join(here, 'shims', file);

/** Node.js built-in -> the file that stands in for it in a page (with or without the `node:` prefix). */
export const NODE_SHIMS: Readonly<Record<string, string>> = {
  fs: shim('fs.ts'),
  'fs/promises': shim('fs-promises.ts'),
  path: createRequire(import.meta.url).resolve('pathe').replace(/index\.cjs$/, 'index.mjs'),
  'path/posix': createRequire(import.meta.url).resolve('pathe').replace(/index\.cjs$/, 'index.mjs'),
  crypto: shim('crypto.ts'),
  buffer: createRequire(import.meta.url).resolve('buffer/'),
  process: shim('process.ts'),
  os: shim('os.ts'),
  url: shim('url.ts'),
  perf_hooks: shim('perf-hooks.ts'),
  timers: shim('timers.ts'),
  'timers/promises': shim('timers-promises.ts'),
  string_decoder: shim('string-decoder.ts'),
  zlib: shim('zlib.ts'),
  events: shim('events.ts'),
  stream: shim('stream.ts'),
  util: shim('util.ts'),
  child_process: shim('child-process.ts'),
  net: shim('net.ts'),
  module: shim('module.ts'),
  http: shim('http.ts'),
  https: shim('http.ts'),
  sqlite: shim('sqlite.ts'),
};

/** Files of the emulator replaced in a page: the SQLite state database by the page's in-memory rows. */
export const PAGE_SUBSTITUTES: ReadonlyArray<{ file: RegExp; by: string }> = [
  { file: /[\\/]src[\\/]emulator[\\/]persistence[\\/]database\.ts$/, by: join(here, 'emulator', 'page-database.ts') },
];

/** The file injected first into every page bundle: the `Buffer`, `process`, `global` and timer globals. */
export const PAGE_GLOBALS = shim('globals.ts');

const READ_BESIDE = /readFileSync\(new URL\((['"])([^'"]+\.json)\1, import\.meta\.url\), 'utf8'\)/g;
const BUILTIN = new RegExp(`^(node:)?(${Object.keys(NODE_SHIMS).map((name) => name.replace('/', '\\/')).join('|')})$`);

/** The esbuild plugin that resolves Node.js built-ins to the page's shims and applies {@link PAGE_SUBSTITUTES}. */
export function pageShimPlugin(): Plugin {
  return {
    name: 'page-shims',
    setup(builder) {
      builder.onResolve({ filter: BUILTIN }, (args) => ({ path: NODE_SHIMS[args.path.replace(/^node:/, '')]! }));
      builder.onResolve({ filter: /^node:/ }, (args) => ({
        errors: [{ text: `${args.path} has no browser version: the page cannot run code that imports it (add a shim in src/browser/shims/ if it is needed)` }],
      }));
      // A module that reads a JSON file beside it (the kit's package.json for its version) gets the file's text inlined.
      builder.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url), ')) return undefined;
        const contents = source.replace(READ_BESIDE, (_match, _quote: string, file: string) => JSON.stringify(readFileSync(new URL(file, pathToFileURL(args.path)), 'utf8')));
        return contents === source ? undefined : { contents, loader: 'ts' };
      });
      // deploy.ts's bundleHandler runs in a page on the page's own bundler (shims/esbuild.ts: sucrase and a small linker).
      builder.onResolve({ filter: /^esbuild$/ }, () => ({ path: shim('esbuild.ts') }));
      // The SDK's browser XML parser needs DOMParser, which workers lack; its Node one is plain JavaScript.
      builder.onResolve({ filter: /^\.\/xml-parser$/ }, (args) =>
        /[\\/]@aws-sdk[\\/]xml-builder[\\/]/.test(args.resolveDir) ? { path: join(args.resolveDir, 'xml-parser.js') } : undefined);
      builder.onResolve({ filter: /database\.ts$/ }, async (args) => {
        const resolved = join(args.resolveDir, args.path);
        const substitute = PAGE_SUBSTITUTES.find((entry) => entry.file.test(resolved));
        return substitute ? { path: substitute.by } : undefined;
      });
    },
  };
}

/** The esbuild options every page bundle shares; spread them into your own `build` call. */
export function pageBuildOptions(): BuildOptions {
  return {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser', 'import', 'module'],
    inject: [PAGE_GLOBALS],
    define: { global: 'globalThis' },
    plugins: [pageShimPlugin()],
    logLevel: 'silent',
    legalComments: 'none',
  };
}

/** What {@link bundleForPage} builds. */
export interface PageBundleOptions {
  /** Entry files, or output name -> entry file. */
  entryPoints: string[] | Record<string, string>;
  /** The folder the bundles are written to. */
  outdir: string;
  /** Default true. */
  minify?: boolean;
  sourcemap?: boolean;
  /** More esbuild `define`s. */
  define?: Record<string, string>;
  /** More esbuild plugins, run before the shims. */
  plugins?: Plugin[];
  /** Puts dynamically imported modules (the SDK clients of the Lambda environment) in chunks of their own, fetched when imported. */
  splitting?: boolean;
}

/** What {@link bundleForPage} wrote. */
export interface PageBundle {
  /** Absolute paths of the written files. */
  files: string[];
  metafile: Metafile;
}

/** Builds browser bundles of `entryPoints` with the page's shims; throws esbuild's errors. */
export async function bundleForPage(options: PageBundleOptions): Promise<PageBundle> {
  const shared = pageBuildOptions();
  mkdirSync(options.outdir, { recursive: true });
  const result = await build({
    ...shared,
    entryPoints: options.entryPoints,
    outdir: options.outdir,
    minify: options.minify ?? true,
    sourcemap: options.sourcemap ?? false,
    define: { ...shared.define, ...options.define },
    plugins: [...(options.plugins ?? []), ...shared.plugins!],
    metafile: true,
    write: true,
    splitting: options.splitting ?? false,
    chunkNames: 'chunks/[name]-[hash]',
  });
  const files = Object.keys(result.metafile.outputs).map((file) => join(process.cwd(), file));
  return { files, metafile: result.metafile };
}
