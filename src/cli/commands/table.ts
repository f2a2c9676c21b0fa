/**
 * The command table of the CLI: one line of help per command and a lazy loader, so `--help` and
 * every command start without importing the others.
 */
import type { CommandDef } from 'citty';

/** A command of the CLI: either built (a loader) or announced (the issue it arrives with). */
export interface CommandEntry {
  /** How the command is written after `workshop`, arguments included. */
  usage: string;
  /** One line for `workshop --help`. */
  summary: string;
  load?: () => Promise<CommandDef<any>>;
  /** For commands not built yet: what brings them. */
  arrivesWith?: string;
}

const command = (load: () => Promise<{ default: CommandDef<any> }>) => async () => (await load()).default;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Record<string, CommandEntry> = {
  start: {
    usage: 'start',
    summary: 'Start the AWS emulator (and the lesson site) and print where to go next',
    load: command(() => import('./start.ts')),
  },
  check: { usage: 'check [NN]', summary: 'Check a lab: deploy, grade, and show each check with a hint', load: command(() => import('./check.ts')) },
  watch: { usage: 'watch NN', summary: 'Re-run a lab\'s check every time you save a file', load: command(() => import('./watch.ts')) },
  hint: { usage: 'hint NN', summary: 'Reveal the next hint for a lab', load: command(() => import('./hint.ts')) },
  deploy: { usage: 'deploy NN', summary: 'Bundle and deploy your handler for a lab, and print how to invoke it', load: command(() => import('./deploy.ts')) },
  reset: { usage: 'reset NN', summary: 'Delete a lab\'s resources (and with --code, restore its starter files)', load: command(() => import('./reset.ts')) },
  doctor: {
    usage: 'doctor',
    summary: 'Check Node.js, the emulator port, Docker and LocalStack, with a fix for each problem',
    load: command(() => import('./doctor.ts')),
  },
  emulator: {
    usage: 'emulator',
    summary: 'Run the embedded AWS emulator in the foreground (default 127.0.0.1:4566)',
    load: command(() => import('./emulator.ts')),
  },
  grade: { usage: 'grade <dir>', summary: 'Grade a whole class of submissions and write gradebooks (instructors)', load: command(() => import('./grade.ts')) },
  dev: { usage: 'dev check', summary: 'Prove every lab fails as a starter and passes as a solution (maintainers)', load: command(() => import('./dev.ts')) },
};

/** The names of all commands, in table order. */
export const COMMAND_NAMES = Object.keys(COMMANDS);
