/**
 * `esbuild` in a page: the subset of `build` that src/core/deploy.ts's bundleHandler and the
 * learner worker's bundle-module.ts use (one entry or `stdin`, `bundle`, `format: 'esm'`,
 * `write: false`, `external`, `platform`, plugins, `metafile` with the entry's exports), done by
 * the page's own bundler (src/browser/bundler/: sucrase per module, a small linker) over the
 * in-memory file system. Errors are esbuild's shape, so "does not compile at file:line" reads
 * the same in the page as on a machine.
 */
import type { BuildOptions, BuildResult, OutputFile } from 'esbuild';
import path from 'node:path';
import { link, shownPath, type LinkEntry } from '../bundler/link.ts';
import { BuildFailure, buildMessage } from '../bundler/messages.ts';
import { PluginHost } from '../bundler/plugins.ts';

const SUPPORTED = new Set([
  'bundle', 'write', 'format', 'platform', 'target', 'external', 'logLevel', 'plugins', 'metafile', 'entryPoints', 'stdin', 'loader', 'sourcemap', 'legalComments', 'absWorkingDir',
]);

/** Why the page's bundler cannot do what `options` ask, if it cannot. */
function unsupported(options: BuildOptions): string | undefined {
  const other = Object.keys(options).filter((key) => !SUPPORTED.has(key) && (options as Record<string, unknown>)[key] !== undefined);
  if (other.length > 0) return `the page's bundler does not support the option${other.length === 1 ? '' : 's'} ${other.join(', ')}`;
  if (options.bundle !== true) return "the page's bundler only bundles: pass bundle: true";
  if (options.write !== false) return 'esbuild in the page writes no files: pass write: false';
  if (options.format !== undefined && options.format !== 'esm') return "the page's bundler writes ES modules only: pass format: 'esm'";
  if (options.sourcemap) return "the page's bundler writes no source maps";
  const entries = options.entryPoints === undefined ? [] : Array.isArray(options.entryPoints) ? options.entryPoints : Object.values(options.entryPoints);
  if (entries.length + (options.stdin ? 1 : 0) !== 1) return "the page's bundler builds one entry point (or stdin) at a time";
  return undefined;
}

async function entryOf(host: PluginHost, options: BuildOptions): Promise<LinkEntry | BuildFailure> {
  if (options.stdin) {
    const { contents, resolveDir = process.cwd(), loader = 'js', sourcefile } = options.stdin;
    const text = typeof contents === 'string' ? contents : new TextDecoder().decode(contents);
    return { path: '<stdin>', shown: sourcefile ?? '<stdin>', namespace: '', loaded: { contents: text, loader, resolveDir } };
  }
  const entries = options.entryPoints!;
  const first = (Array.isArray(entries) ? entries[0] : Object.values(entries)[0])!;
  const spec = typeof first === 'string' ? first : first.in;
  const resolved = await host.resolve(spec, { kind: 'entry-point', resolveDir: process.cwd() });
  if (resolved.errors.length > 0) return new BuildFailure(resolved.errors);
  if (resolved.external) return new BuildFailure([buildMessage(`The entry point ${JSON.stringify(spec)} cannot be marked as external`)]);
  return { path: resolved.path, shown: shownPath(resolved.path, resolved.namespace), namespace: resolved.namespace, loaded: await host.load(resolved.path, resolved.namespace, resolved.pluginData) };
}

/** esbuild's `build` for one handler or learner module, over the in-memory file system; throws esbuild's BuildFailure. */
export async function build<T extends BuildOptions>(options: T): Promise<BuildResult<T>> {
  const refusal = unsupported(options);
  if (refusal) throw new BuildFailure([buildMessage(refusal)]);
  if (options.absWorkingDir && path.resolve(options.absWorkingDir) !== process.cwd()) throw new BuildFailure([buildMessage("the page's bundler works in the current folder only")]);
  const host = new PluginHost(options);
  await host.setup(options.plugins ?? []);
  const entry = await entryOf(host, options);
  if (entry instanceof BuildFailure) throw entry;
  const linked = await link(host, entry);
  if ('errors' in linked) throw new BuildFailure(linked.errors);
  const contents = new TextEncoder().encode(linked.code);
  const output: OutputFile = { path: '<stdout>', contents, hash: '', text: linked.code };
  const result: BuildResult = { errors: [], warnings: [], outputFiles: [output], metafile: options.metafile ? linked.metafile : undefined, mangleCache: undefined };
  // BuildResult<T> narrows its fields by T's options; the fields above follow the same options.
  return result as unknown as BuildResult<T>;
}
