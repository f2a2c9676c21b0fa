/** `workshop emulator`: runs the embedded AWS emulator in the foreground until Ctrl-C. */
import { defineCommand } from 'citty';
import { EMULATOR_PORT } from '../../core/target.ts';
import { accessArgs, accessFrom, parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';
import { helpText } from '../command-help.ts';
import { iamArg, parseIamMode } from '../iam-option.ts';

export default defineCommand({
  meta: { name: 'emulator', description: helpText('emulatorMeta') },
  args: {
    port: { type: 'string', description: helpText('emulatorPort'), default: String(EMULATOR_PORT) },
    host: { type: 'string', description: helpText('emulatorHost'), default: '127.0.0.1' },
    'relaxed-permissions': { type: 'boolean', description: helpText('argRelaxed') },
    state: { type: 'string', description: helpText('emulatorState') },
    iam: iamArg,
    ...accessArgs,
  },
  async run({ args }) {
    // LocalStack's PERSISTENCE=1: state kept where `npm start` keeps it, unless --state names a folder.
    // Imported only then: the module brings the AWS SDK, which the emulator alone does not need at start.
    const persist = ['1', 'true'].includes((process.env.PERSISTENCE ?? '').trim().toLowerCase());
    const stateDir = args.state ?? (persist ? (await import('../../core/ensure-target.ts')).PROJECT_STATE_DIR : undefined);
    await runEmulatorUntilStopped({ port: parsePort(args.port), host: args.host, stateDir, relaxedPermissions: args['relaxed-permissions'], iam: parseIamMode(args.iam), ...accessFrom(args) });
  },
});
