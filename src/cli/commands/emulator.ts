/** `workshop emulator`: runs the embedded AWS emulator in the foreground until Ctrl-C. */
import { defineCommand } from 'citty';
import { EMULATOR_PORT } from '../../core/target.ts';
import { accessArgs, accessFrom, parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';

export default defineCommand({
  meta: { name: 'emulator', description: 'Run the embedded AWS emulator in the foreground' },
  args: {
    port: { type: 'string', description: 'Port to listen on (0 picks a free one)', default: String(EMULATOR_PORT) },
    host: { type: 'string', description: 'Address to bind; the emulator has no authentication, so keep it on loopback', default: '127.0.0.1' },
    'relaxed-permissions': { type: 'boolean', description: 'Let EventBridge invoke Lambda targets without checking their resource policy, as LocalStack does (AWS checks it)' },
    state: { type: 'string', description: 'Folder that keeps the emulator\'s state across restarts' },
    ...accessArgs,
  },
  async run({ args }) {
    await runEmulatorUntilStopped({ port: parsePort(args.port), host: args.host, stateDir: args.state, relaxedPermissions: args['relaxed-permissions'], ...accessFrom(args) });
  },
});
