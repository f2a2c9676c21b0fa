/**
 * `workshop deploy NN`: runs the learner's own setup of what each handler needs (lab.json's
 * "before" and "after" calls, like lab 03's createOrdersTable), bundles and deploys the handlers,
 * and prints an invoke command with the lab's example event.
 */
import { defineCommand } from 'citty';
import { bundleHandler, deployFunction, ensureExecutionRole, invokeCommand, requireTable, runSetupCalls, type SetupCall } from '../../core/deploy.ts';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { createClients } from '../../core/clients.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { PROJECT_STATE_DIR, ensureTarget } from '../../core/ensure-target.ts';
import { join } from 'node:path';
import { labArgs, requireLab, targetFrom } from '../lab-args.ts';

export default defineCommand({
  meta: { name: 'deploy', description: 'Bundle and deploy your handler for a lab, and print how to invoke it' },
  args: {
    lab: { type: 'positional', required: false, description: 'The lab number, like 01' },
    target: labArgs.target,
    dir: labArgs.dir,
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'deploy');
    if (lab.definition.deploy.length === 0) {
      throw new WorkshopError('NOTHING_TO_DEPLOY', `lab ${lab.number} has no function to deploy: your own code creates its resources`, {
        hint: `run \`npx workshop check ${lab.number}\` instead`,
        exitCode: EXIT.usage,
      });
    }
    const target = targetFrom(args);
    const labDir = learnerLabDir(lab, args.dir);
    const lease = await ensureTarget(target, PROJECT_STATE_DIR);
    const clients = createClients(target);
    try {
      const role = await ensureExecutionRole(clients.iam, 'workshop-lambda-role');
      const setup = async (calls: SetupCall[], functionArn?: string) => {
        if (calls.length === 0) return;
        process.stdout.write(`Running ${calls.map((call) => `${call.export} (${call.file})`).join(', ')} ... `);
        await runSetupCalls(labDir, calls, clients, target, functionArn);
        console.log('done.');
      };
      for (const fn of lab.definition.deploy) {
        await setup(fn.before);
        await requireTable(clients, fn.environment?.TABLE_NAME, fn.before);
        process.stdout.write(`Bundling ${fn.file} (${fn.export}) ... `);
        const zip = await bundleHandler(join(labDir, fn.file), fn.export);
        process.stdout.write(`${zip.length} bytes. Deploying ${fn.name} ... `);
        const { arn, created } = await deployFunction(clients.lambda, { name: fn.name, role, zip, ...(fn.timeout ? { timeout: fn.timeout } : {}), ...(fn.environment ? { environment: fn.environment } : {}) });
        console.log(created ? 'created.' : 'updated.');
        console.log(`  ARN: ${arn}`);
        await setup(fn.after, arn);
        console.log(`  Invoke: ${invokeCommand(target, fn.name, fn.example)}`);
      }
      if (lease.startedHere) console.log(`No emulator was running, so one ran for this command; its state is kept in ${PROJECT_STATE_DIR}, and \`npm start\` serves it again.`);
    } finally {
      clients.destroy();
      await lease.stop();
    }
  },
});
