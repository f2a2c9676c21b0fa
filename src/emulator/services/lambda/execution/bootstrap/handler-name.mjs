/**
 * How AWS's Node.js runtime turns a handler name (`dir/index.handler`, `app.nested.fn`) into a
 * function, whatever loads the module: the machine's loader (node-loader.mjs) and the page's
 * (src/browser/lambda/handler-loader.ts) both use it, so both fail with the same Runtime.* errors.
 */
import { CallbackHandlerDeprecated, HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './node-errors.mjs';

/** The last path segment of a handler name (`index.handler` of `dir/index.handler`). */
const lastSegment = (name) => name.slice(name.lastIndexOf('/') + 1);

/**
 * The handler function `fullHandler` names, its module loaded by `load(moduleRoot, moduleName)`;
 * throws the runtime's Runtime.* errors when it cannot be found.
 */
export async function findHandler(fullHandler, executionEnv, load) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerString = lastSegment(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = /^([^.]*)\.(.*)$/.exec(handlerString);
  if (!match) throw new MalformedHandlerName('Bad handler');
  let app;
  try {
    app = await load(moduleRoot, match[1]);
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
