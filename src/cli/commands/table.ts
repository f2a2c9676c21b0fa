/**
 * The command table of the CLI: one line of help per command and a lazy loader, so `--help` and
 * every command start without importing the others.
 */
import type { CommandDef } from 'citty';
import type { Texts } from '../../core/i18n/texts.ts';
import { helpMessage } from '../command-help.ts';
import { localstackMessage } from '../localstack-messages.ts';

/** A command of the CLI: either built (a loader) or announced (the issue it arrives with). */
export interface CommandEntry {
  /** How the command is written after `workshop`, arguments included. */
  usage: string;
  /** One line for `workshop --help`, in English (the site's CLI reference reads it). */
  summary: string;
  /** The same line in every language. */
  summaries: Texts;
  load?: () => Promise<CommandDef<any>>;
  /** For commands not built yet: what brings them. */
  arrivesWith?: string;
}

const command = (load: () => Promise<{ default: CommandDef<any> }>) => async () => (await load()).default;

function entry(usage: string, summary: Parameters<typeof helpMessage>[0], load: NonNullable<CommandEntry['load']>): CommandEntry {
  const summaries = helpMessage(summary).texts;
  return { usage, summary: summaries.en, summaries, load };
}

function localstackEntry(usage: string, summary: Parameters<typeof localstackMessage>[0], load: NonNullable<CommandEntry['load']>): CommandEntry {
  const summaries = localstackMessage(summary).texts;
  return { usage, summary: summaries.en, summaries, load };
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Record<string, CommandEntry> = {
  start: entry('start', 'start', command(() => import('./start.ts'))),
  check: entry('check [NN]', 'check', command(() => import('./check.ts'))),
  watch: entry('watch NN', 'watch', command(() => import('./watch.ts'))),
  hint: entry('hint NN', 'hint', command(() => import('./hint.ts'))),
  deploy: entry('deploy NN', 'deploy', command(() => import('./deploy.ts'))),
  reset: entry('reset NN', 'reset', command(() => import('./reset.ts'))),
  doctor: entry('doctor', 'doctor', command(() => import('./doctor.ts'))),
  emulator: entry('emulator', 'emulator', command(() => import('./emulator.ts'))),
  aws: localstackEntry('aws <args...>', 'awsSummary', command(() => import('./aws.ts'))),
  snapshot: localstackEntry('snapshot <action> [NAME]', 'snapshotSummary', command(() => import('./snapshot.ts'))),
  grade: entry('grade <dir>', 'grade', command(() => import('./grade.ts'))),
  dev: entry('dev check', 'dev', command(() => import('./dev.ts'))),
};

/** The names of all commands, in table order. */
export const COMMAND_NAMES = Object.keys(COMMANDS);
