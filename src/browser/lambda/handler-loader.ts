/**
 * Loads a function's handler in a page environment from its files, the way the Node runtime's
 * loader (bootstrap/node-loader.mjs) finds it: `module.function` from LAMBDA_TASK_ROOT, an
 * extensionless file or .js as CommonJS, .js as an ES module when package.json says "module" or
 * the code is written as one, then .mjs, then .cjs. ES modules run from blob URLs with their
 * imports pointed at the other files, the SDK and the built-ins the page provides.
 */
import { posix } from 'node:path';
import { findHandler } from '../../emulator/services/lambda/execution/bootstrap/handler-name.mjs';
import { BUILTIN_MODULES, builtinRefusal } from './builtin-modules.ts';
import { rewriteSpecifiers } from './import-specifiers.ts';

type ModuleObject = Record<string, unknown>;

/** What the loader resolves imports against. */
export interface LoaderSources {
  /** Path inside the task root -> code. */
  files: Record<string, string>;
  /** Package name -> module object (the SDK). */
  packages: Record<string, ModuleObject>;
}

const registry: Record<string, ModuleObject> = {};
(globalThis as Record<string, unknown>).__pageLambdaModules = registry;

function notFound(spec: string, from: string): string {
  return `Cannot find package '${spec}' imported from /var/task/${from}`;
}

function moduleUrl(code: string): string {
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

/** An ES module that re-exports a module object kept in the registry. */
function objectModuleUrl(key: string, object: ModuleObject): string {
  registry[key] = object;
  const names = Object.keys(object).filter((name) => name !== 'default');
  const locals = names.map((name, index) => `const v${index} = m[${JSON.stringify(name)}];`).join('\n');
  const exported = names.map((name, index) => `v${index} as ${JSON.stringify(name)}`).join(', ');
  return moduleUrl(`const m = globalThis.__pageLambdaModules[${JSON.stringify(key)}];\n${locals}\nexport default (m.default ?? m);\nexport { ${exported} };`);
}

/**
 * What an import the page cannot satisfy gives: a dynamic import a module that throws when it
 * runs; a static one the error itself, at once (a module that throws could not provide the names
 * imported from it, and the browser would say only that).
 */
function refusedImport(message: string, code: string, dynamic: boolean): string {
  if (!dynamic) throw Object.assign(new Error(message), { code });
  return moduleUrl(`throw Object.assign(new Error(${JSON.stringify(message)}), { code: ${JSON.stringify(code)} });`);
}

const ESM_SYNTAX = /^\s*(import\s*[\w*{"'$]|export\s)/m;

/** Loads modules of one environment (each file once). */
class Loader {
  private readonly sources: LoaderSources;
  private readonly urls = new Map<string, string>();
  private readonly common = new Map<string, { exports: unknown }>();

  constructor(sources: LoaderSources) {
    this.sources = sources;
  }

  has(file: string): boolean {
    return Object.hasOwn(this.sources.files, file);
  }

  private typeModule(file: string): boolean {
    for (let folder = posix.dirname(file); ; folder = posix.dirname(folder)) {
      const manifest = this.sources.files[folder === '.' ? 'package.json' : `${folder}/package.json`];
      if (manifest !== undefined) {
        try {
          return (JSON.parse(manifest) as { type?: string })?.type === 'module';
        } catch {
          return false;
        }
      }
      if (folder === '.' || folder === '/') return false;
    }
  }

  /** True when `file` runs as an ES module. */
  isModule(file: string): boolean {
    if (file.endsWith('.mjs')) return true;
    if (file.endsWith('.cjs') || !file.endsWith('.js')) return false;
    return this.typeModule(file) || ESM_SYNTAX.test(this.sources.files[file]!);
  }

  /** The URL to import for `spec` imported by `from`. */
  private resolveImport(spec: string, from: string, dynamic: boolean): string {
    const builtin = spec.startsWith('node:') ? spec.slice(5) : Object.hasOwn(BUILTIN_MODULES, spec) ? spec : undefined;
    if (builtin !== undefined) {
      const module = BUILTIN_MODULES[builtin];
      return module ? objectModuleUrl(`node:${builtin}`, module) : refusedImport(builtinRefusal(builtin), 'ERR_UNKNOWN_BUILTIN_MODULE', dynamic);
    }
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const file = posix.normalize(spec.startsWith('/') ? spec.replace(/^\/var\/task\//, '') : posix.join(posix.dirname(from), spec));
      if (!this.has(file)) return refusedImport(`Cannot find module '/var/task/${file}' imported from /var/task/${from}`, 'ERR_MODULE_NOT_FOUND', dynamic);
      return this.isModule(file) ? this.esmUrl(file) : objectModuleUrl(`file:${file}`, { default: this.require(file) } as ModuleObject);
    }
    const pkg = this.sources.packages[spec];
    if (pkg) return objectModuleUrl(spec, pkg);
    return refusedImport(notFound(spec, from), 'ERR_MODULE_NOT_FOUND', dynamic);
  }

  /** The blob URL of an ES module file, its imports rewritten. */
  esmUrl(file: string): string {
    let url = this.urls.get(file);
    if (url) return url;
    const code = rewriteSpecifiers(this.sources.files[file]!, (spec, dynamic) => this.resolveImport(spec, file, dynamic));
    url = moduleUrl(`${code}\n//# sourceURL=/var/task/${file}`);
    this.urls.set(file, url);
    return url;
  }

  /** Runs a CommonJS file (once) and returns its exports. */
  require(file: string): unknown {
    const cached = this.common.get(file);
    if (cached) return cached.exports;
    if (file.endsWith('.json')) return JSON.parse(this.sources.files[file]!);
    const module = { exports: {} as unknown };
    this.common.set(file, module);
    const require = (spec: string): unknown => {
      const builtin = spec.startsWith('node:') ? spec.slice(5) : Object.hasOwn(BUILTIN_MODULES, spec) ? spec : undefined;
      if (builtin !== undefined) {
        const found = BUILTIN_MODULES[builtin];
        if (!found) throw Object.assign(new Error(builtinRefusal(builtin)), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
        return found.default ?? found;
      }
      if (this.sources.packages[spec]) return this.sources.packages[spec];
      const base = posix.normalize(posix.join(posix.dirname(file), spec));
      const target = ['', '.js', '.cjs', '.json', '/index.js'].map((suffix) => base + suffix).find((candidate) => this.has(candidate));
      if (!target || !(spec.startsWith('.') || spec.startsWith('/'))) throw Object.assign(new Error(`Cannot find module '${spec}'\nRequire stack:\n- /var/task/${file}`), { code: 'MODULE_NOT_FOUND' });
      return this.require(target);
    };
    const run = new Function('exports', 'require', 'module', '__filename', '__dirname', `${this.sources.files[file]}\n//# sourceURL=/var/task/${file}`);
    run(module.exports, require, module, `/var/task/${file}`, posix.dirname(`/var/task/${file}`));
    return module.exports;
  }
}

async function loadModule(loader: Loader, moduleRoot: string, moduleName: string): Promise<unknown> {
  const file = posix.normalize(posix.join(moduleRoot || '.', moduleName));
  if (loader.has(file)) return loader.require(file);
  if (loader.has(`${file}.js`)) return loader.isModule(`${file}.js`) ? import(/* @vite-ignore */ loader.esmUrl(`${file}.js`)) : loader.require(`${file}.js`);
  if (loader.has(`${file}.mjs`)) return import(/* @vite-ignore */ loader.esmUrl(`${file}.mjs`));
  if (loader.has(`${file}.cjs`)) return loader.require(`${file}.cjs`);
  throw Object.assign(new Error(`Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`), { code: 'MODULE_NOT_FOUND' });
}

/** The handler function; throws the Node runtime's Runtime.* errors when it cannot be loaded. */
export function loadPageHandler(sources: LoaderSources, fullHandler: string, executionEnv: string | undefined): Promise<(...args: unknown[]) => unknown> {
  return findHandler(fullHandler, executionEnv, (moduleRoot: string, moduleName: string) => loadModule(new Loader(sources), moduleRoot, moduleName));
}
