/** `workshop emulator`: runs the embedded AWS emulator in the foreground until Ctrl-C. */
import { defineCommand } from 'citty';
import { EMULATOR_PORT } from '../../core/target.ts';
import { accessArgs, accessFrom, parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';
import { helpText } from '../command-help.ts';

export default defineCommand({
  meta: { name: 'emulator', description: helpText('emulatorMeta') },
  args: {
    port: { type: 'string', description: helpText('emulatorPort'), default: String(EMULATOR_PORT) },
    host: { type: 'string', description: helpText('emulatorHost'), default: '127.0.0.1' },
    'relaxed-permissions': { type: 'boolean', description: helpText('argRelaxed') },
    state: { type: 'string', description: helpText('emulatorState') },
    ...accessArgs,
  },
  async run({ args }) {
    await runEmulatorUntilStopped({ port: parsePort(args.port), host: args.host, stateDir: args.state, relaxedPermissions: args['relaxed-permissions'], ...accessFrom(args) });
  },
});
