/**
 * Injected into every page bundle: the globals Node.js code expects (`Buffer`, `process`,
 * `setImmediate`, `global`), defined before any module of the bundle runs. Timers gain Node's
 * `unref`/`ref`/`hasRef` (the emulator unrefs its timers), as numbers cannot carry them.
 */
import { Buffer } from 'buffer';
import { process } from './process.ts';
import { installTimers } from './timers.ts';

const scope = globalThis as Record<string, unknown>;
scope.global ??= globalThis;
scope.Buffer ??= Buffer;
scope.process ??= process;
installTimers();

export { Buffer, process };
