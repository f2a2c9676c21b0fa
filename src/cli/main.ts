#!/usr/bin/env node
/**
 * The `workshop` command. This file alone turns errors into exit codes: commands throw
 * WorkshopError with a message and a next step, and main prints them and sets the code.
 */
import { runCommand } from 'citty';
import { renderCommandUsage } from './command-usage.ts';
import { EXIT, WorkshopError, isWorkshopError } from '../core/errors.ts';
import { KIT_VERSION } from '../core/kit.ts';
import { COMMANDS, COMMAND_NAMES } from './commands/table.ts';
import { nearestCommand, renderHelp } from './help.ts';
import { isLanguage, langFlag, language } from '../core/i18n/language.ts';
import { cliMessage } from './messages.ts';

function say(...args: Parameters<typeof cliMessage>): string {
  return cliMessage(...args).texts[language()];
}

// `--lang` belongs to every command and to none: it is read before the commands (language.ts) and taken out here.
function withoutLang(argv: string[]): string[] {
  const flag = langFlag(argv);
  if (flag !== undefined && !isLanguage(flag)) throw new WorkshopError('BAD_OPTION', cliMessage('badLang', { value: flag }), { hint: cliMessage('langChoices'), exitCode: EXIT.usage });
  return argv.filter((arg, index) => arg !== '--lang' && !arg.startsWith('--lang=') && argv[index - 1] !== '--lang');
}

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = withoutLang(args);
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
    throw new WorkshopError('UNKNOWN_COMMAND', cliMessage('unknownCommand', { name }), {
      hint: near ? cliMessage('didYouMean', { near }) : cliMessage('listCommands'),
      exitCode: EXIT.usage,
    });
  }
  if (!entry.load) {
    throw new WorkshopError('NOT_AVAILABLE', cliMessage('notAvailable', { name, arrives: entry.arrivesWith ?? '' }), {
      hint: cliMessage('commandsToday'),
      exitCode: EXIT.notAvailable,
    });
  }
  const command = await entry.load();
  // The AWS CLI's arguments are its own (`workshop aws s3 ls --help` is for it): only a lone `workshop aws --help` is the kit's.
  const wantsHelp = name === 'aws' ? rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h') : rest.some((arg) => arg === '--help' || arg === '-h');
  if (wantsHelp) {
    console.log(await renderCommandUsage(command));
    return EXIT.ok;
  }
  const { result } = await runCommand(command, { rawArgs: rest });
  return typeof result === 'number' ? result : EXIT.ok;
}

function report(error: unknown): number {
  if (isWorkshopError(error)) {
    console.error(say('errorPrefix', { message: error.message }));
    if (error.hint) console.error(say('next', { hint: error.hint }));
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'CLIError') {
    console.error(say('errorPrefix', { message: error.message }));
    console.error(say('next', { hint: say('cliArgsHint') }));
    return EXIT.usage;
  }
  console.error(say('bug'));
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.internal;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = report(error);
}
