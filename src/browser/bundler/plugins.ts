/**
 * The part of esbuild's plugin API the kit's plugins use (confine-imports.ts): `onResolve` and
 * `onLoad` callbacks run in order until one answers, and `build.resolve` runs them and then the
 * default resolver, which finds a file on disk (the page's in-memory one) as esbuild does for a
 * handler: `./x`, `./x.ts`, `./x.js` meaning `./x.ts`, a folder's index, JSON; built-ins (platform
 * node) and `external` patterns stay imports of the bundle.
 */
import type {
  BuildOptions, Loader, Message, OnLoadArgs, OnLoadOptions, OnLoadResult, OnResolveArgs, OnResolveOptions, OnResolveResult,
  PartialMessage, Plugin, PluginBuild, ResolveOptions, ResolveResult,
} from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { buildMessage } from './messages.ts';

type Callback<Args, Result> = { options: { filter: RegExp; namespace?: string }; plugin: string; run: (args: Args) => Result | null | undefined | Promise<Result | null | undefined> };

/** What a module's load gave: its code, or why there is none. */
export type Loaded = { contents: string; loader: Loader; resolveDir: string } | { errors: Message[] };

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.json': 'json', '.txt': 'text',
};
// esbuild's default resolveExtensions, in its order.
const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js', '.json'];
const BUILTINS = new Set(builtinModules);

const isFile = (candidate: string) => statSync(candidate, { throwIfNoEntry: false })?.isFile() === true;
const matches = (filter: RegExp, text: string) => {
  filter.lastIndex = 0;
  return filter.test(text);
};

function messages(list: PartialMessage[] | undefined, plugin: string): Message[] {
  return (list ?? []).map((message) => ({ ...buildMessage(message.text ?? '', null, message.pluginName ?? plugin), ...(message.location ? { location: message.location as Message['location'] } : {}) }));
}

/** A file on disk for `base`, found as esbuild's resolver finds one (TypeScript's `./x.js` for x.ts included). */
function findFile(base: string): string | undefined {
  const candidates = [base, ...EXTENSIONS.map((extension) => base + extension)];
  // TypeScript code imports x.ts as ./x.js; esbuild tries the TypeScript file when the JavaScript one is missing.
  const typed = /\.(m|c)?js$/.exec(base);
  if (typed) candidates.push(base.slice(0, -typed[0].length) + `.${typed[1] ?? ''}ts`, base.slice(0, -typed[0].length) + '.tsx');
  candidates.push(...EXTENSIONS.map((extension) => path.join(base, `index${extension}`)));
  return candidates.find(isFile);
}

/** Registers a build's plugins and resolves and loads its modules through them. */
export class PluginHost {
  private readonly resolvers: Array<Callback<OnResolveArgs, OnResolveResult>> = [];
  private readonly loaders: Array<Callback<OnLoadArgs, OnLoadResult>> = [];
  private readonly options: BuildOptions;
  private readonly externals: RegExp[];

  constructor(options: BuildOptions) {
    this.options = options;
    this.externals = (options.external ?? []).map((pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`));
  }

  /** Runs each plugin's `setup`. */
  async setup(plugins: Plugin[]): Promise<void> {
    for (const plugin of plugins) {
      const build: PluginBuild = {
        initialOptions: this.options,
        resolve: (spec, options) => this.resolve(spec, options),
        onStart: () => {},
        onEnd: () => {},
        onDispose: () => {},
        onResolve: (options: OnResolveOptions, run) => void this.resolvers.push({ options, plugin: plugin.name, run }),
        onLoad: (options: OnLoadOptions, run) => void this.loaders.push({ options, plugin: plugin.name, run }),
        esbuild: undefined as never,
      };
      await plugin.setup(build);
    }
  }

  /** esbuild's `build.resolve`: the plugins' answer, else the default resolver's. */
  async resolve(spec: string, options: ResolveOptions = {}): Promise<ResolveResult> {
    const args: OnResolveArgs = {
      path: spec,
      importer: options.importer ?? '',
      namespace: options.namespace ?? 'file',
      resolveDir: options.resolveDir ?? process.cwd(),
      kind: options.kind ?? 'import-statement',
      pluginData: options.pluginData,
      with: options.with ?? {},
    };
    for (const callback of this.resolvers) {
      if (!matches(callback.options.filter, spec) || (callback.options.namespace && callback.options.namespace !== args.namespace)) continue;
      const answer = await callback.run(args);
      if (!answer) continue;
      const errors = messages(answer.errors, answer.pluginName ?? callback.plugin);
      if (errors.length === 0 && answer.path === undefined && !answer.external) continue;
      return this.result({ errors, path: answer.path ?? spec, external: answer.external === true, namespace: answer.namespace ?? 'file', pluginData: answer.pluginData });
    }
    return this.defaultResolve(args);
  }

  private result(fields: Partial<ResolveResult>): ResolveResult {
    return { errors: [], warnings: [], path: '', external: false, sideEffects: true, namespace: 'file', suffix: '', pluginData: undefined, ...fields };
  }

  private defaultResolve(args: OnResolveArgs): ResolveResult {
    const spec = args.path;
    if (this.externals.some((pattern) => pattern.test(spec))) return this.result({ path: spec, external: true });
    if (this.options.platform === 'node' && (spec.startsWith('node:') || BUILTINS.has(spec))) return this.result({ path: spec, external: true });
    const relative = spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..';
    const found = relative || path.isAbsolute(spec) ? findFile(path.resolve(args.resolveDir, spec)) : undefined;
    if (found) return this.result({ path: found });
    // The page has no node_modules: a package that is not external cannot be found.
    return this.result({ errors: [buildMessage(`Could not resolve ${JSON.stringify(spec)}`)] });
  }

  /** The module at `file` in `namespace`: a plugin's contents, else the file's. */
  async load(file: string, namespace: string, pluginData: unknown): Promise<Loaded> {
    for (const callback of this.loaders) {
      if (!matches(callback.options.filter, file) || (callback.options.namespace && callback.options.namespace !== namespace)) continue;
      const answer = await callback.run({ path: file, namespace, suffix: '', pluginData, with: {} });
      if (!answer) continue;
      const errors = messages(answer.errors, answer.pluginName ?? callback.plugin);
      if (errors.length > 0) return { errors };
      if (answer.contents === undefined) continue;
      const contents = typeof answer.contents === 'string' ? answer.contents : new TextDecoder().decode(answer.contents);
      return { contents, loader: answer.loader ?? 'js', resolveDir: answer.resolveDir ?? (namespace === 'file' ? path.dirname(file) : process.cwd()) };
    }
    if (namespace !== 'file') return { errors: [buildMessage(`No plugin loaded ${JSON.stringify(file)} in the namespace "${namespace}"`)] };
    const loader = this.options.loader?.[path.extname(file)] ?? LOADERS[path.extname(file)];
    if (!loader) return { errors: [buildMessage(`No loader is configured for "${path.extname(file)}" files: ${file}`)] };
    return { contents: readFileSync(file, 'utf8'), loader, resolveDir: path.dirname(file) };
  }
}
