/** Builds Lambda deployment zips in tests from object literals. */
import { zipSync, strToU8 } from 'fflate';

/** Zips `{ 'index.mjs': 'export const handler = ...' }` into a deployment package. */
export function zipFiles(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}
