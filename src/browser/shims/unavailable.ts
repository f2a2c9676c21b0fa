/**
 * What a page cannot do (start processes, open sockets, load CommonJS modules): the shims of those
 * built-ins export functions that throw an Error naming the call, so code that needs them fails
 * with a message instead of a missing export.
 */

/** The message of a built-in call the page cannot make. */
export function unavailableMessage(what: string): string {
  return `${what} is not available in the browser page: this lab part needs Node.js. Run it on your machine with \`npm start\` (or \`workshop check\`) instead.`;
}

/** A function that throws the page's refusal for `what`. */
export function unavailable(what: string): (...args: unknown[]) => never {
  return () => {
    throw new Error(unavailableMessage(what));
  };
}
