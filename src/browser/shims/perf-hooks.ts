/** `node:perf_hooks` in a page: the page's own `performance`. */

/** The page's performance clock. */
export const performance = globalThis.performance;
export default { performance };
