/** `node:module` in a page: the list of built-ins (for import checks); loading modules refuses. */
import { unavailable } from './unavailable.ts';

/** Node.js's built-in module names (without the `node:` prefix), as `module.builtinModules` lists them. */
export const builtinModules = [
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector',
  'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'punycode',
  'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers', 'stream/promises', 'stream/web',
  'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm',
  'wasi', 'worker_threads', 'zlib',
];

/** Refuses: a page has no CommonJS loader. */
export const createRequire = unavailable('module.createRequire');
/** Does nothing in a page (there are no live bindings of built-ins to sync). */
export function syncBuiltinESMExports(): void {}
export default { builtinModules, createRequire, syncBuiltinESMExports };
