/**
 * Finds and loads the handler named by _HANDLER the way AWS's Node.js runtime does (extensionless,
 * .js as CommonJS or ES module by package.json "type", .mjs, .cjs, then require.resolve), and lets
 * handler code resolve packages it does not bundle, like the AWS SDK, from the kit's node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { findHandler } from './handler-name.mjs';

const runtimeRequire = createRequire(import.meta.url);

// Handler code importing the AWS SDK finds the kit's copy when it bundles none, as on Lambda.
// Node versions that call module hooks experimental would say so in every function's log: not here.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => (/registerHooks|[Mm]odule.*hooks/.test(String(warning?.message ?? warning)) ? undefined : emitWarning.call(process, warning, ...rest));
try {
  registerHooks({
    resolve(specifier, context, next) {
      try {
        return next(specifier, context);
      } catch (error) {
        const code = error?.code;
        if (!/^[@\w]/.test(specifier) || specifier.includes(':') || (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) throw error;
        try {
          return next(specifier, { ...context, parentURL: import.meta.url });
        } catch {
          throw error;
        }
      }
    },
  });
} catch {
  // Without module hooks, NODE_PATH still lets require() find the SDK.
} finally {
  process.emitWarning = emitWarning;
}

function hasTypeModule(folder) {
  if (folder.endsWith('/node_modules')) return false;
  const manifest = path.join(folder, 'package.json');
  let present = false;
  try {
    present = existsSync(manifest);
  } catch {
    // Outside the task root the sandbox denies reads, as Lambda has no package.json above /var/task.
    return false;
  }
  if (present) {
    try {
      return JSON.parse(readFileSync(manifest, 'utf8'))?.type === 'module';
    } catch {
      return false;
    }
  }
  const parent = path.dirname(folder);
  return parent === folder ? false : hasTypeModule(parent);
}

async function loadModule(appRoot, moduleRoot, moduleName) {
  const file = path.resolve(appRoot, moduleRoot, moduleName);
  const required = (suffix) => (existsSync(file + suffix) ? runtimeRequire(file + suffix) : undefined);
  const imported = async (suffix) => (existsSync(file + suffix) ? await import(file + suffix) : undefined);
  const extensionless = required('');
  if (extensionless) return extensionless;
  const typeModule = hasTypeModule(path.dirname(file));
  if (!typeModule) {
    const common = required('.js');
    if (common) return common;
  }
  const found = (typeModule && (await imported('.js'))) || (await imported('.mjs')) || required('.cjs');
  if (found) return found;
  return runtimeRequire(runtimeRequire.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

/** The handler function; throws the runtime's Runtime.* errors when it cannot be loaded. */
export function loadHandler(appRoot, fullHandler, executionEnv) {
  return findHandler(fullHandler, executionEnv, (moduleRoot, moduleName) => loadModule(appRoot, moduleRoot, moduleName));
}

