/**
 * A learner's module as one ES module a learner worker can load: esbuild (in a page, its own
 * bundler over the in-memory disk, shims/esbuild.ts) bundles it with deploy.ts's confinement
 * rules, so it may import the files of its lab folder, Node.js built-ins and the AWS SDK,
 * nothing of the kit. The bundle's one export, `module`, hands over the file's whole namespace,
 * so every export stays callable.
 */
import { build } from 'esbuild';
import { basename, dirname } from 'node:path';
import { confineImports } from '../../sandbox/confine-imports.ts';

/** The export of a bundle that returns the learner module's namespace. */
export const NAMESPACE_EXPORT = 'module';

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number } | null;
}

/** Why a file did not bundle, named as Node names the same failure at import. */
function bundleError(file: string, error: unknown): Error {
  const first = ((error as { errors?: EsbuildMessage[] }).errors ?? [])[0];
  if (!first) return error instanceof Error ? error : new Error(String(error));
  const where = first.location ? `${basename(first.location.file)}:${first.location.line}:${first.location.column}: ` : `${basename(file)}: `;
  // Node reports a file it cannot resolve as an Error and one it cannot parse as a SyntaxError.
  const unresolved = /Could not resolve|is not available to a function|leaves the lab folder|names an absolute path/.test(first.text);
  return Object.assign(new Error(`${where}${first.text}`), { name: unresolved ? 'Error' : 'SyntaxError' });
}

/** Bundles `file` (a path in the in-memory disk) for a learner worker; imports stay inside `root`. Throws like an import would. */
export async function bundleLearnerModule(file: string, root: string): Promise<string> {
  const entry = `import * as learner from ${JSON.stringify(`./${basename(file)}`)};\nexport const ${NAMESPACE_EXPORT} = () => learner;\n`;
  try {
    const result = await build({
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      // The learner worker provides the SDK, as Lambda's runtimes and the kit's node_modules do.
      external: ['@aws-sdk/*', '@smithy/*'],
      logLevel: 'silent',
      plugins: [confineImports(root)],
      stdin: { contents: entry, resolveDir: dirname(file), loader: 'ts', sourcefile: 'learner-entry.ts' },
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    throw bundleError(file, error);
  }
}
