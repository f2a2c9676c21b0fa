/** `workshop start` (what `npm start` runs): the emulator in the foreground, and where to go next. */
import { defineCommand } from 'citty';
import { PROJECT_STATE_DIR } from '../../core/ensure-target.ts';
import { EMULATOR_PORT } from '../../core/target.ts';
import { SITE_PORT, startSite } from '../../site/serve.ts';
import { accessArgs, accessFrom, parsePort } from '../options.ts';
import { runEmulatorUntilStopped } from '../run-emulator.ts';

export default defineCommand({
  meta: { name: 'start', description: 'Start the AWS emulator (and the lesson site) and print where to go next' },
  args: {
    port: { type: 'string', description: 'Emulator port', default: String(EMULATOR_PORT) },
    'relaxed-permissions': { type: 'boolean', description: 'Let EventBridge invoke Lambda targets without checking their resource policy, as LocalStack does (AWS checks it)' },
    state: { type: 'string', description: 'Folder for the emulator\'s state', default: PROJECT_STATE_DIR },
    site: { type: 'boolean', description: 'Serve the lesson site too, built on the first start and reused after (--no-site for the emulator alone)', default: true },
    'site-port': { type: 'string', description: 'Port of the lesson site', default: String(SITE_PORT) },
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
              return { describe: `Lessons at ${site.url} (start with Set up, then lesson 1)`, origin: site.url, stop: () => site.stop() };
            },
          }
        : {}),
      nextSteps: [
        'Try it:   aws --endpoint-url {url} sts get-caller-identity   (any credentials work; a 12-digit access key is an account)',
        'Health:   curl {url}/_localstack/health',
        'Labs:     npx workshop check 01   (then hint, watch, deploy: npx workshop --help)',
        'Check:    npx workshop doctor',
        'Help:     npx workshop --help',
      ],
    });
  },
});
