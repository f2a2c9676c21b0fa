/**
 * One module of a page bundle: sucrase strips its TypeScript and turns its ES module syntax into
 * CommonJS (`require`, `exports.name`), the form the linker (link.ts) wraps in a function. What
 * the linker needs is read from sucrase's output, whose export and import code has one fixed
 * shape: the specifiers it requires and the names it exports (esbuild's metafile `exports`).
 */
import type { Loader, Message } from 'esbuild';
import { transform, type Transform } from 'sucrase';
import { buildMessage, locationAt } from './messages.ts';

/** A module ready to link. */
export interface ModuleCode {
  /** CommonJS code: runs with `exports` and `require` in scope, and `module` unless it was an ES module. */
  code: string;
  /** Whether it was written as an ES module, where `module` is a name of the learner's, not Node's object. */
  esm: boolean;
  /** Specifiers it requires, in order, each once. */
  requires: string[];
  /** Names it exports itself. */
  exports: string[];
  /** Specifiers of its `export * from` modules, whose names it exports too. */
  stars: string[];
}

const TRANSFORMS: Partial<Record<Loader, Transform[]>> = {
  ts: ['typescript', 'imports'],
  tsx: ['typescript', 'jsx', 'imports'],
  js: ['imports'],
  jsx: ['jsx', 'imports'],
};

const REQUIRE = /\brequire\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const EXPORTED = /\bexports\.\s*([A-Za-z_$][\w$]*)/g;
const NAMED_FROM = /\b_createNamedExportFrom\d*\([\w$]+, (['"])([^'"]+)\1/g;
const STAR = /\bvar ([\w$]+) = require\((['"])([^'"\n]+)\2\); _createStarExport\d*\(\1\)/g;
// Sucrase's own helper for `export *` reads `exports.hasOwnProperty`: not an export.
const HELPER_NAMES = new Set(['hasOwnProperty', '__esModule']);

/** esbuild's words for the token a parser stopped at ("Unexpected "}"", "Unexpected end of file"). */
function unexpected(source: string, offset: number): string {
  if (offset >= source.trimEnd().length) return 'Unexpected end of file';
  const token = /^(?:[\w$]+|\S)/.exec(source.slice(offset))?.[0] ?? source[offset];
  return `Unexpected ${JSON.stringify(token)}`;
}

/** A sucrase parse error as esbuild's message, at the same line and column. */
function syntaxMessage(error: unknown, file: string, source: string): Message {
  const { message = String(error), pos } = error as { message?: string; pos?: number };
  let text = message.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
  if (typeof pos !== 'number') return buildMessage(text);
  // Sucrase reports an unexpected token without naming it; esbuild names it.
  if (text === 'Unexpected token') text = unexpected(source, pos);
  return buildMessage(text, locationAt(file, source, pos, 1));
}

/**
 * Compiles the code once without running it: sucrase passes some code JavaScript refuses (a name
 * declared twice, `await` outside an async function), which esbuild refuses when it bundles.
 */
function compileMessage(code: string, esm: boolean): Message | undefined {
  // `import.meta` is valid in the bundle (an ES module) but not in a Function body.
  if (code.includes('import.meta')) return undefined;
  try {
    new Function(...parameters(esm), code);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return undefined;
    if (/\bawait\b/.test(error.message)) {
      return buildMessage(`${error.message}: the page bundles each module as a function, so top-level await is not available; move the await into the handler (or a function it calls)`);
    }
    return buildMessage(error.message);
  }
}

/** The parameters a module's function is called with (an ES module may declare its own `module`). */
export function parameters(esm: boolean): string[] {
  return esm ? ['exports', 'require'] : ['exports', 'require', 'module'];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Whether a match at `at` sits after a `//` on its line (a comment sucrase kept). */
function inLineComment(code: string, at: number): boolean {
  return code.slice(code.lastIndexOf('\n', at) + 1, at).includes('//');
}

/** Transforms `source` (shown as `file` in messages) with `loader`; returns the module or its error. */
export function transformModule(file: string, source: string, loader: Loader): ModuleCode | { error: Message } {
  if (loader === 'json') {
    try {
      return { code: `module.exports = ${JSON.stringify(JSON.parse(source))};`, esm: false, requires: [], exports: ['default'], stars: [] };
    } catch (error) {
      return { error: buildMessage(`Invalid JSON: ${(error as Error).message}`, locationAt(file, source, 0)) };
    }
  }
  if (loader === 'text') return { code: `module.exports = ${JSON.stringify(source)};`, esm: false, requires: [], exports: ['default'], stars: [] };
  const transforms = TRANSFORMS[loader];
  if (!transforms) return { error: buildMessage(`The page's bundler has no "${loader}" loader (it bundles TypeScript, JavaScript and JSON)`) };
  let code: string;
  try {
    // disableESTransforms: Node 22 runs modern syntax as written, as esbuild's target node22 leaves it.
    code = transform(source, { transforms, disableESTransforms: true, filePath: file, production: true }).code;
  } catch (error) {
    return { error: syntaxMessage(error, file, source) };
  }
  const esm = code.includes('Object.defineProperty(exports, "__esModule", {value: true})');
  const refused = compileMessage(code, esm);
  // V8 names no line for a Function that does not compile: the message stands without one.
  if (refused) return { error: refused };
  const requires = unique([...code.matchAll(REQUIRE)].filter((match) => !inLineComment(code, match.index)).map((match) => match[2]!));
  const stars = unique([...code.matchAll(STAR)].map((match) => match[3]!));
  const exports = unique([
    ...[...code.matchAll(EXPORTED)].map((match) => match[1]!).filter((name) => !HELPER_NAMES.has(name)),
    ...[...code.matchAll(NAMED_FROM)].map((match) => match[2]!),
  ]);
  return { code, esm, requires, exports, stars };
}
