/**
 * The bundler keeps a function's package inside the learner's lab folder: imports that leave it
 * (a `..`, an absolute path, a link, a package of the kit) are refused, naming the import.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../src/core/deploy.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';

const root = mkdtempSync(join(tmpdir(), 'confine-imports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'outside.ts'), 'export const answer = "from outside the lab";\n');

/** A lab folder holding `files`; returns the path of handler.ts in it. */
function lab(files: Record<string, string>): string {
  const folder = mkdtempSync(join(root, 'lab-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return join(folder, 'handler.ts');
}

const handler = (imports: string) => `${imports}\nexport async function handler() { return answer; }\n`;

describe('bundleHandler keeps the bundle inside the lab folder', () => {
  it('bundles files of the folder, built-ins and the AWS SDK (left to the runtime)', async () => {
    const file = lab({
      'handler.ts': handler(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { createHash } from 'node:crypto';\nimport { readFileSync } from 'fs';\nimport { answer } from './sub/deep.ts';\nvoid DynamoDBClient; void createHash; void readFileSync;`),
      'sub/deep.ts': `export { answer } from '../lib/util.ts';\n`,
      'lib/util.ts': 'export const answer = 42;\n',
    });
    const text = strFromU8(unzipSync(await bundleHandler(file))['index.mjs']!);
    expect(text).toContain('42');
    expect(text).toMatch(/from "@aws-sdk\/client-dynamodb"/);
  });

  it('refuses a relative import that leaves the folder', async () => {
    const file = lab({ 'handler.ts': handler(`import { answer } from '../outside.ts';`) });
    await expect(bundleHandler(file)).rejects.toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringContaining('import "../outside.ts" leaves the lab folder') });
  });

  it('refuses an absolute path, such as the kit’s own solution', async () => {
    const solution = join(KIT_ROOT, 'solutions', '01-first-handler', 'handler.ts');
    const file = lab({ 'handler.ts': handler(`import { handleOrder as answer } from '${solution}';`) });
    await expect(bundleHandler(file)).rejects.toMatchObject({ message: expect.stringContaining(`import "${solution}" names an absolute path`) });
  });

  it('refuses a link inside the folder that points out of it', async () => {
    const file = lab({ 'handler.ts': handler(`import { answer } from './linked.ts';`) });
    symlinkSync(join(root, 'outside.ts'), join(dirname(file), 'linked.ts'));
    await expect(bundleHandler(file)).rejects.toMatchObject({ message: expect.stringContaining('import "./linked.ts" leaves the lab folder') });
  });

  it('refuses the kit’s other packages, which Lambda does not provide', async () => {
    const file = lab({ 'handler.ts': handler(`import { z } from 'zod';\nconst answer = z.string().parse('x');`) });
    // As a learner's copy outside the kit gets it (linkKitLibraries): the kit's packages are one link away.
    symlinkSync(join(KIT_ROOT, 'node_modules'), join(dirname(file), 'node_modules'), 'dir');
    await expect(bundleHandler(file)).rejects.toMatchObject({ message: expect.stringContaining('import "zod" is not available to a function') });
  });
});
