// Preloaded into a child process (node --import): `vitest`, imported by a lab's grader, resolves to
// the page's stand-in (src/browser/grader/vitest-shim.ts), so the grader runs as it does in the page.
import module from 'node:module';

const shim = new URL('../../src/browser/grader/vitest-shim.ts', import.meta.url).href;
module.registerHooks({
  resolve(specifier, context, next) {
    return specifier === 'vitest' ? { url: shim, shortCircuit: true } : next(specifier, context);
  },
});
