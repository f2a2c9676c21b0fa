/**
 * bundleHandler refuses a handler file that does not export the function Lambda is to run,
 * naming the file and the export, instead of a zip whose index.handler is undefined.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../src/core/deploy.ts';

const dir = mkdtempSync(join(tmpdir(), 'bundle-handler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` into a fresh folder and returns the path of the first one. */
function write(name: string, files: Record<string, string>): string {
  const folder = mkdtempSync(join(dir, `${name}-`));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return join(folder, Object.keys(files)[0]!);
}

describe('bundleHandler', () => {
  it('bundles the named export as index.handler', async () => {
    const file = write('ok', { 'handler.ts': 'export async function handleOrder(event: { n: number }) { return event.n + 1; }\n' });
    const zip = unzipSync(await bundleHandler(file, 'handleOrder'));
    expect(Object.keys(zip)).toEqual(['index.mjs']);
    expect(strFromU8(zip['index.mjs']!)).toMatch(/export\s*\{[^}]*as handler/);
  });

  it('follows re-exports from other files', async () => {
    const file = write('reexport', { 'handler.ts': "export { priced as handleOrder } from './pricing.ts';\n", 'pricing.ts': 'export const priced = async () => 1;\n' });
    await expect(bundleHandler(file, 'handleOrder')).resolves.toBeInstanceOf(Uint8Array);
  });

  it('says which file must export what, and what it exports instead', async () => {
    const file = write('renamed', { 'handler.ts': 'export class ValidationError extends Error {}\nexport async function handle() { return 1; }\n' });
    await expect(bundleHandler(file, 'handleOrder')).rejects.toMatchObject({
      name: 'WorkshopError',
      code: 'HANDLER_NOT_EXPORTED',
      message: 'handler.ts must export handleOrder, the function Lambda runs (it exports ValidationError, handle)',
    });
  });

  it('refuses a function that is declared but not exported, and a name that is only a type', async () => {
    const unexported = write('unexported', { 'handler.ts': 'async function handleOrder() { return 1; }\nvoid handleOrder;\n' });
    await expect(bundleHandler(unexported, 'handleOrder')).rejects.toThrow('handler.ts must export handleOrder, the function Lambda runs (it exports nothing)');
    const typeOnly = write('type-only', { 'handler.ts': 'export interface handleOrder { id: string }\nexport const other = 1;\n' });
    await expect(bundleHandler(typeOnly, 'handleOrder')).rejects.toThrow('(it exports other)');
  });

  it('still reports a file that does not compile with its line', async () => {
    const file = write('broken', { 'handler.ts': 'export async function handleOrder() {\n  return { status: \n}\n' });
    await expect(bundleHandler(file, 'handleOrder')).rejects.toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringMatching(/handler\.ts does not compile: .*handler\.ts:3:/) });
  });
});
