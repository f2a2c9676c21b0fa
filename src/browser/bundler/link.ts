/**
 * The page bundler's linker: from an entry, every module its code requires is resolved (through
 * the build's plugins), loaded and transformed once, and the whole is written as one ES module.
 * Each module becomes a function called on its first `require`, as Node runs CommonJS; packages
 * left external (the AWS SDK, Node's built-ins) become the bundle's own `import` statements, and
 * the entry's exports the bundle's exports, so the file loads where esbuild's `format: 'esm'`
 * output loads.
 */
import type { Message, Metafile } from 'esbuild';
import path from 'node:path';
import { specifierLocation } from './messages.ts';
import type { Loaded, PluginHost } from './plugins.ts';
import { parameters, transformModule, type ModuleCode } from './transform.ts';

/** Where a build starts: a file, or `stdin` contents. */
export interface LinkEntry {
  /** The entry's path (what plugins see as its importer) and its name in messages and the metafile. */
  path: string;
  shown: string;
  namespace: string;
  loaded: Loaded;
}

interface LinkedModule {
  shown: string;
  source: string;
  resolveDir: string;
  namespace: string;
  path: string;
  code: ModuleCode;
  /** Specifier -> module index, or -1 - external index. */
  links: Record<string, number>;
}

/** What {@link link} produced. */
export interface Linked {
  code: string;
  exports: string[];
  metafile: Metafile;
}

/** How a path reads in messages: relative to the working folder, as esbuild shows it. */
export function shownPath(file: string, namespace: string): string {
  if (namespace !== 'file') return `${namespace}:${file}`;
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

const RUNTIME = `var __cache = [];
var __externalCache = [];
function __external(index) {
  // An ES namespace seen from CommonJS: the __esModule flag makes sucrase's interop read its default export as it is.
  return __externalCache[index] ??= Object.assign({ __esModule: true }, __externals[index]);
}
function __require(index) {
  var cached = __cache[index];
  if (cached) return cached.exports;
  var module = __cache[index] = { exports: {} };
  var entry = __modules[index];
  entry[0].call(undefined, module.exports, function (spec) {
    var to = entry[1][spec];
    if (to === undefined) throw new Error("Cannot find module '" + spec + "'");
    return to < 0 ? __external(-1 - to) : __require(to);
  }, module);
  return module.exports;
}`;

/** Links the module graph from `entry`; throws the build's messages (esbuild-shaped) when any module fails. */
export async function link(host: PluginHost, entry: LinkEntry): Promise<Linked | { errors: Message[] }> {
  const modules: LinkedModule[] = [];
  const byKey = new Map<string, number>();
  const externals: string[] = [];
  const errors: Message[] = [];

  const add = (modulePath: string, namespace: string, shown: string, loaded: Loaded): number | undefined => {
    if ('errors' in loaded) {
      errors.push(...loaded.errors);
      return undefined;
    }
    const code = transformModule(shown, loaded.contents, loaded.loader);
    if ('error' in code) {
      errors.push(code.error);
      return undefined;
    }
    modules.push({ shown, source: loaded.contents, resolveDir: loaded.resolveDir, namespace, path: modulePath, code, links: {} });
    byKey.set(`${namespace}:${modulePath}`, modules.length - 1);
    return modules.length - 1;
  };

  if (add(entry.path, entry.namespace, entry.shown, entry.loaded) === undefined) return { errors };
  for (let index = 0; index < modules.length; index++) {
    const from = modules[index]!;
    for (const spec of from.code.requires) {
      const resolved = await host.resolve(spec, { kind: 'import-statement', importer: from.path, namespace: from.namespace, resolveDir: from.resolveDir });
      if (resolved.errors.length > 0) {
        // esbuild points at the import that failed.
        const location = specifierLocation(from.shown, from.source, spec);
        errors.push(...resolved.errors.map((error) => ({ ...error, location: error.location ?? location })));
        continue;
      }
      if (resolved.external) {
        if (!externals.includes(resolved.path)) externals.push(resolved.path);
        from.links[spec] = -1 - externals.indexOf(resolved.path);
        continue;
      }
      const key = `${resolved.namespace}:${resolved.path}`;
      let target = byKey.get(key);
      if (target === undefined) {
        target = add(resolved.path, resolved.namespace, shownPath(resolved.path, resolved.namespace), await host.load(resolved.path, resolved.namespace, resolved.pluginData));
        if (target === undefined) continue;
      }
      from.links[spec] = target;
    }
  }
  if (errors.length > 0) return { errors };

  const exports = exportedNames(modules, 0);
  const code = [
    ...externals.map((name, index) => `import * as __external${index} from ${JSON.stringify(name)};`),
    `var __externals = [${externals.map((_name, index) => `__external${index}`).join(', ')}];`,
    'var __modules = [',
    ...modules.map((module) => `// ${module.shown}\n[function (${parameters(module.code.esm).join(', ')}) {\n${module.code.code}\n}, ${JSON.stringify(module.links)}],`),
    '];',
    RUNTIME,
    'var __entry = __require(0);',
    ...exports.map((name, index) => `var __export${index} = __entry[${JSON.stringify(name)}];`),
    exports.length > 0 ? `export { ${exports.map((name, index) => `__export${index} as ${name}`).join(', ')} };` : '',
    // `export * from` an external package: its names are known only when it loads.
    ...externalStars(modules[0]!, externals).map((name) => `export * from ${JSON.stringify(name)};`),
    '',
  ].join('\n');
  return { code, exports, metafile: metafileOf(modules, externals, exports, code) };
}

/** The names module `index` exports: its own and, through `export *`, its dependencies' (never their default). */
function exportedNames(modules: LinkedModule[], index: number, seen = new Set<number>()): string[] {
  seen.add(index);
  const module = modules[index]!;
  const names = new Set(module.code.exports);
  for (const spec of module.code.stars) {
    const target = module.links[spec];
    if (target === undefined || target < 0 || seen.has(target)) continue;
    for (const name of exportedNames(modules, target, seen)) if (name !== 'default') names.add(name);
  }
  return [...names].sort();
}

function externalStars(module: LinkedModule, externals: string[]): string[] {
  return module.code.stars.map((spec) => module.links[spec]).filter((target): target is number => target !== undefined && target < 0).map((target) => externals[-1 - target]!);
}

function metafileOf(modules: LinkedModule[], externals: string[], exports: string[], code: string): Metafile {
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const inputs: Metafile['inputs'] = {};
  for (const module of modules) {
    inputs[module.shown] = {
      bytes: bytes(module.source),
      format: 'esm',
      imports: Object.entries(module.links).map(([original, target]) =>
        target < 0 ? { path: externals[-1 - target]!, kind: 'import-statement' as const, external: true, original } : { path: modules[target]!.shown, kind: 'import-statement' as const, original }),
    };
  }
  return {
    inputs,
    outputs: {
      '<stdout>': {
        bytes: bytes(code),
        inputs: Object.fromEntries(modules.map((module) => [module.shown, { bytesInOutput: bytes(module.code.code) }])),
        imports: externals.map((name) => ({ path: name, kind: 'import-statement' as const, external: true })),
        exports,
        entryPoint: modules[0]!.shown,
      },
    },
  };
}
