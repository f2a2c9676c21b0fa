/**
 * The errors the Node.js runtime reports, named and shaped as AWS's runtime names and shapes them:
 * `Runtime.*` classes, the `{errorType, errorMessage, trace}` payload and the logged JSON form.
 */
import { types } from 'node:util';

/** The handler's module could not be found. */
export class ImportModuleError extends Error {}
/** The module has no such export, or it is not a function. */
export class HandlerNotFound extends Error {}
/** _HANDLER is not `module.function`. */
export class MalformedHandlerName extends Error {}
/** The handler's module does not parse. */
export class UserCodeSyntaxError extends Error {}
/** A callback-style handler on nodejs24.x or later, where AWS removed them. */
export class CallbackHandlerDeprecated extends Error {}
/** An async handler whose promise never settled while the event loop emptied. */
export class NodeJsExit extends Error {}
/** A result JSON.stringify cannot serialize. */
export class JSONStringifyError extends Error {}
/** A promise rejected with nobody to catch it. */
export class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
for (const type of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError, CallbackHandlerDeprecated, NodeJsExit, JSONStringifyError, UnhandledPromiseRejection]) {
  type.prototype.name = `Runtime.${type.name}`;
}

function isError(value) {
  return types.isNativeError(value) || (value && typeof value.name === 'string' && typeof value.message === 'string' && typeof value.stack === 'string');
}

/** The payload posted to invocation/error and init/error. */
export function toRapidResponse(error) {
  try {
    if (isError(error)) return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
}

/** The JSON form of an error in log lines, after a tab as the runtime writes it. */
export function toFormatted(error) {
  const expand = (_key, value) => {
    if (!(value instanceof Error)) return value;
    const copy = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
    if (typeof value.stack === 'string') copy.stack = value.stack.split('\n');
    return copy;
  };
  try {
    return `\t${JSON.stringify(error, expand)}`;
  } catch {
    return `\t${JSON.stringify(toRapidResponse(error))}`;
  }
}

