/**
 * Finds and loads the handler named by _HANDLER the way AWS's Node.js runtime does (extensionless,
 * .js as CommonJS or ES module by package.json "type", .mjs, .cjs, then require.resolve), and lets
 * handler code resolve packages it does not bundle, like the AWS SDK, from the kit's node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { CallbackHandlerDeprecated, HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './node-errors.mjs';

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
export async function loadHandler(appRoot, fullHandler, executionEnv) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = /^([^.]*)\.(.*)$/.exec(handlerString);
  if (!match) throw new MalformedHandlerName('Bad handler');
  let app;
  try {
    app = await loadModule(appRoot, moduleRoot, match[1]);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(error);
    if (error?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(error);
    throw error;
  }
  const handler = match[2].split('.').reduce((nested, key) => nested && nested[key], app);
  if (!handler) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  const major = Number(/nodejs(\d+)/.exec(executionEnv ?? '')?.[1] ?? 0);
  if (major >= 24 && handler.length >= 3) {
    throw new CallbackHandlerDeprecated(
      'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
    );
  }
  return handler;
}

