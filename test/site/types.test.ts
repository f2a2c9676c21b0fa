import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';


describe("the site's browser code", () => {
  // The components' scripts are TypeScript with DOM types, which the kit's own tsconfig (Node
  // only) does not check; site/tsconfig.json does, and this runs it.
  it('type-checks with site/tsconfig.json', async () => {
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'site'], { cwd: KIT_ROOT }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(await run).toBe('');
  });
});
