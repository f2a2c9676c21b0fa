/**
 * What the emulator says about itself, which the kit reads too: the account it answers for when
 * a caller names none, the header that marks its answers, and its version (its package's).
 */
import { readFileSync } from 'node:fs';

/** The account of an unsigned or test-key caller, as LocalStack's default. */
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** The header every emulator answer carries, so a probe can tell it from LocalStack or another server. */
export const EMULATOR_HEADER = 'x-workshop-emulator';

/** The version of the package the emulator ships in. */
export const EMULATOR_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
