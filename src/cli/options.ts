/** Parsing of option values shared by several commands, with errors that name the fix. */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { commaList } from '../emulator/access.ts';

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

/** `--allow-origin` and `--allow-host`, for citty: who besides the lesson site and this machine may reach the emulator. */
export const accessArgs = {
  'allow-origin': { type: 'string', description: 'Origins (comma-separated) of web pages that may call the emulator besides the lesson site; or set WORKSHOP_ALLOW_ORIGINS' },
  'allow-host': { type: 'string', description: 'Host names (comma-separated) the emulator answers to besides 127.0.0.1 and localhost; or set WORKSHOP_ALLOW_HOSTS' },
} as const;

/** The allow-lists given on the command line. */
export function accessFrom(args: { 'allow-origin'?: string | undefined; 'allow-host'?: string | undefined }): { allowOrigins: string[]; allowHosts: string[] } {
  return { allowOrigins: commaList(args['allow-origin']), allowHosts: commaList(args['allow-host']) };
}
