/** Parsing of option values shared by several commands, with errors that name the fix. */
import { EXIT, WorkshopError } from '../core/errors.ts';

/** Parses a TCP port number (0 means any free port). */
export function parsePort(value: string | undefined, option = '--port'): number {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
    throw new WorkshopError('BAD_OPTION', `${option} "${value ?? ''}" is not a port number`, {
      hint: `give ${option} a whole number from 0 to 65535, for example ${option} 4566`,
      exitCode: EXIT.usage,
    });
  }
  return port;
}
