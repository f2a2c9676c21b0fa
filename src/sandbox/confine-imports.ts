/**
 * An esbuild plugin that keeps a learner's bundle inside the learner's lab folder: an import
 * resolves only to a file in that folder (symbolic links followed), a Node.js built-in, or an
 * external package the runtime provides (the AWS SDK). Anything else, an absolute path, a `..`
 * that leaves the folder, or another package of the kit, is refused with a message naming the
 * import, so a bundle can never carry the kit's solutions, graders or another learner's code.
 */
import { realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/** Packages a Lambda runtime provides, left out of the bundle. */
export const RUNTIME_PACKAGES = [/^@aws-sdk\//, /^@smithy\//];

const BUILTINS = new Set(builtinModules);
/** Marks the plugin's own resolve calls, so it does not see them again. */
const INNER = Symbol('confine-imports');

function real(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

function within(target: string, folder: string): boolean {
  const rest = path.relative(folder, target);
  return rest === '' || (!rest.startsWith('..') && !path.isAbsolute(rest));
}

/** The plugin for a bundle whose code lives in `folder`. */
export function confineImports(folder: string): Plugin {
  const root = real(folder);
  const shown = (spec: string) => `import "${spec}"`;
  const refuse = (text: string) => ({ errors: [{ text }] });
  return {
    name: 'confine-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === INNER) return undefined;
        const spec = args.path;
        if (args.kind !== 'entry-point') {
          if (spec.startsWith('node:') || BUILTINS.has(spec)) return { path: spec, external: true };
          if (RUNTIME_PACKAGES.some((pattern) => pattern.test(spec))) return { path: spec, external: true };
          if (path.isAbsolute(spec)) {
            return refuse(`${shown(spec)} names an absolute path: a function's package holds only its lab folder, so import files of ${folder} by a relative path (./file.ts)`);
          }
        }
        const bare = !spec.startsWith('.') && args.kind !== 'entry-point';
        const unavailable = `${shown(spec)} is not available to a function: only Node.js built-ins, the AWS SDK (@aws-sdk/*) and files of the lab folder can be imported`;
        const resolved = await build.resolve(spec, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: INNER });
        if (resolved.errors.length > 0) return bare ? refuse(unavailable) : { errors: resolved.errors };
        if (resolved.external) return resolved;
        if (!within(real(resolved.path), root)) {
          return refuse(bare ? unavailable : `${shown(spec)} leaves the lab folder ${folder}: a function's package holds only that folder, so copy what you need into it`);
        }
        return { ...resolved, pluginData: undefined };
      });
    },
  };
}
