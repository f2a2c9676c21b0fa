/** Packages a TypeScript handler the way Lambda wants it: one JavaScript file in a zip. */
import { build } from 'esbuild';
import { strToU8, zipSync } from 'fflate';

/**
 * Bundles `entry` and its imports into a single ES module, zipped as `index.mjs` (so the
 * function's handler setting is `index.handler`). The AWS SDK stays out of the bundle: the
 * Node.js runtimes on Lambda already include SDK v3.
 */
export async function packageHandler(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['@aws-sdk/*'],
    write: false,
  });
  const [bundle] = result.outputFiles;
  if (!bundle) throw new Error(`esbuild produced no output for ${entry}`);
  return zipSync({ 'index.mjs': strToU8(bundle.text) });
}
