/** Where the kit lives and which version it is: read once, used by the CLI, the emulator and the grader. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The kit's own root folder (where package.json is). */
export const KIT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The kit's version, from package.json. */
export const KIT_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
