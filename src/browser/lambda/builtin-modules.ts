/**
 * The Node.js built-ins a handler may import in a page environment (the page's shims, which the
 * bundler put in place of Node's own), and the refusal for the others.
 */
import * as buffer from 'node:buffer';
import * as crypto from 'node:crypto';
import * as events from 'node:events';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as perfHooks from 'node:perf_hooks';
import * as stringDecoder from 'node:string_decoder';
import * as timers from 'node:timers';
import * as timersPromises from 'node:timers/promises';
import * as url from 'node:url';
import * as util from 'node:util';
import * as zlib from 'node:zlib';
import { process } from '../shims/process.ts';

/** Built-in name (without `node:`) -> module object. */
export const BUILTIN_MODULES = {
  buffer, crypto, events, fs, 'fs/promises': fsPromises, os, path, 'path/posix': path, perf_hooks: perfHooks, string_decoder: stringDecoder, timers,
  'timers/promises': timersPromises, url, util, zlib, process: { ...process, default: process },
} as unknown as Record<string, Record<string, unknown>>;

/** The message of an import of a built-in the page does not have. */
export function builtinRefusal(name: string): string {
  return `Cannot load node:${name} in the browser page: a function here can use ${Object.keys(BUILTIN_MODULES).map((item) => `node:${item}`).join(', ')}. Run the lab with \`npm start\` on your machine to use node:${name}.`;
}
