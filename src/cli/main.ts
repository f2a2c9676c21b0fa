#!/usr/bin/env node
/**
 * The `workshop` command. This file alone turns errors into exit codes: commands throw
 * WorkshopError with a message and a next step, and main prints them and sets the code.
 */
import { renderUsage, runCommand } from 'citty';
import { EXIT, WorkshopError, isWorkshopError } from '../core/errors.ts';
import { KIT_VERSION } from '../core/kit.ts';
import { COMMANDS, COMMAND_NAMES } from './commands/table.ts';
import { nearestCommand, renderHelp } from './help.ts';

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP_FLAGS.has(name)) {
    console.log(renderHelp(KIT_VERSION));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    console.log(KIT_VERSION);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const near = nearestCommand(name, COMMAND_NAMES);
    throw new WorkshopError('UNKNOWN_COMMAND', `unknown command "${name}"`, {
      hint: near ? `did you mean \`workshop ${near}\`? Run \`workshop --help\` to list the commands` : 'run `workshop --help` to list the commands',
      exitCode: EXIT.usage,
    });
  }
  if (!entry.load) {
    throw new WorkshopError('NOT_AVAILABLE', `workshop ${name} is not available yet: arrives with ${entry.arrivesWith}`, {
      hint: 'run `workshop --help` to see the commands you can use today',
      exitCode: EXIT.notAvailable,
    });
  }
  const command = await entry.load();
  if (rest.some((arg) => arg === '--help' || arg === '-h')) {
    console.log(await renderUsage(command, { meta: { name: 'workshop' } }));
    return EXIT.ok;
  }
  const { result } = await runCommand(command, { rawArgs: rest });
  return typeof result === 'number' ? result : EXIT.ok;
}

function report(error: unknown): number {
  if (isWorkshopError(error)) {
    console.error(`workshop: ${error.message}`);
    if (error.hint) console.error(`  next: ${error.hint}`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'CLIError') {
    console.error(`workshop: ${error.message}`);
    console.error('  next: add --help after the command to see its arguments');
    return EXIT.usage;
  }
  console.error('workshop: an unexpected error stopped the command; this is a bug in the kit, please report it.');
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.internal;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = report(error);
}
