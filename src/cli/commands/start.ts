/** `workshop start` (what `npm start` runs): the emulator in the foreground, and where to go next. */
import { defineCommand } from 'citty';
import { PROJECT_STATE_DIR } from '../../core/ensure-target.ts';
import { EMULATOR_PORT } from '../../core/target.ts';
import { SITE_PORT, startSite } from '../../site/serve.ts';
import { accessArgs, accessFrom, parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';
import { helpText } from '../command-help.ts';
import { commandText } from '../command-messages.ts';

export default defineCommand({
  meta: { name: 'start', description: helpText('start') },
  args: {
    port: { type: 'string', description: helpText('startPort'), default: String(EMULATOR_PORT) },
    'relaxed-permissions': { type: 'boolean', description: helpText('argRelaxed') },
    state: { type: 'string', description: helpText('startState'), default: PROJECT_STATE_DIR },
    site: { type: 'boolean', description: helpText('startSite'), default: true },
    'site-port': { type: 'string', description: helpText('startSitePort'), default: String(SITE_PORT) },
    ...accessArgs,
  },
  async run({ args }) {
    await runEmulatorUntilStopped({
      port: parsePort(args.port),
      host: '127.0.0.1',
      stateDir: args.state,
      relaxedPermissions: args['relaxed-permissions'],
      ...accessFrom(args),
      ...(args.site
        ? {
            companion: async (emulatorUrl: string) => {
              const site = await startSite({ port: parsePort(args['site-port'], '--site-port'), emulatorUrl });
              // The site's pages call the emulator's /_workshop/* routes, so its origin (whichever port it got) joins the allow-list.
              return { describe: commandText('lessonsAt', { url: site.url }), origin: site.url, stop: () => site.stop() };
            },
          }
        : {}),
      // `{url}` stays in the lines: the emulator's address is known only once it listens.
      nextSteps: [commandText('tryIt'), commandText('health'), commandText('labs'), commandText('doctorStep'), commandText('helpStep')],
    });
  },
});
