/** `workshop start` (what `npm start` runs): the emulator in the foreground, and where to go next. */
import { defineCommand } from 'citty';
import { EMULATOR_PORT } from '../../core/target.ts';
import { parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';

export default defineCommand({
  meta: { name: 'start', description: 'Start the AWS emulator (and the lesson site) and print where to go next' },
  args: {
    port: { type: 'string', description: 'Emulator port', default: String(EMULATOR_PORT) },
    state: { type: 'string', description: 'Folder for the emulator\'s state', default: '.workshop/emulator-state' },
  },
  async run({ args }) {
    await runEmulatorUntilStopped({
      port: parsePort(args.port),
      host: '127.0.0.1',
      stateDir: args.state,
      nextSteps: [
        'Try it:   aws --endpoint-url {url} sts get-caller-identity   (any credentials work; a 12-digit access key is an account)',
        'Health:   curl {url}/_localstack/health',
        'Check:    npx workshop doctor',
        'Help:     npx workshop --help',
      ],
    });
  },
});
