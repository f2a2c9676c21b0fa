/**
 * A clean `npm install` prints nothing a newcomer would take for a failure: npm 11 blocks the
 * install scripts of dependencies that package.json's allowScripts does not name, and warns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';

const read = (file: string) => JSON.parse(readFileSync(join(KIT_ROOT, file), 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
  it('decides on every dependency that has an install script', () => {
    const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const allowed = (read('package.json').allowScripts ?? {}) as Record<string, boolean>;
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(typeof allowed[name], `allowScripts entry for ${name}`).toBe('boolean');
  });

  it('runs every npm script and the bin through the Node.js version check first', () => {
    const pkg = read('package.json') as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.workshop).toBe('bin/workshop.mjs');
    // typecheck runs the TypeScript compiler only, which needs no particular Node.js.
    for (const [name, command] of Object.entries(pkg.scripts).filter(([name]) => name !== 'typecheck')) {
      expect(command, `npm run ${name}`).toMatch(/^node bin\/(workshop|node-version)\.mjs\b/);
    }
  });
});
