/** Parsing of option values shared by several commands, with errors that name the fix. */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { commaList } from '../emulator/access.ts';
import { helpText } from './command-help.ts';
import { commandMessage } from './command-messages.ts';

/** Parses a TCP port number (0 means any free port). */
export function parsePort(value: string | undefined, option = '--port'): number {
  const port = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
    throw new WorkshopError('BAD_OPTION', commandMessage('badPort', { option, value: value ?? '' }), {
      hint: commandMessage('portExample', { option }),
      exitCode: EXIT.usage,
    });
  }
  return port;
}

/** `--allow-origin` and `--allow-host`, for citty: who besides the lesson site and this machine may reach the emulator. */
export const accessArgs = {
  'allow-origin': { type: 'string', description: helpText('argAllowOrigin') },
  'allow-host': { type: 'string', description: helpText('argAllowHost') },
} as const;

/** The allow-lists given on the command line. */
export function accessFrom(args: { 'allow-origin'?: string | undefined; 'allow-host'?: string | undefined }): { allowOrigins: string[]; allowHosts: string[] } {
  return { allowOrigins: commaList(args['allow-origin']), allowHosts: commaList(args['allow-host']) };
}
