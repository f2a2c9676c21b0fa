/**
 * `workshop deploy NN`: runs the learner's own setup of what each handler needs (lab.json's
 * "before" and "after" calls, like lab 03's createOrdersTable), bundles and deploys the handlers,
 * and prints an invoke command with the lab's example event (or, behind an HTTP API, a curl command).
 */
import { defineCommand } from 'citty';
import { bundleHandler, deployFunction, ensureExecutionRole, invokeCommand, requireTable, runSetupCalls, type SetupCall } from '../../core/deploy.ts';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { DEPLOY_PREFIX, grantLabPolicy } from '../../core/function-policy.ts';
import { curlCommand, urlAmong } from '../../core/example-request.ts';
import { createClients } from '../../core/clients.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { PROJECT_STATE_DIR, ensureTarget } from '../../core/ensure-target.ts';
import { join } from 'node:path';
import { deployLabStack } from './deploy-stack.ts';
import { labArgs, requireLab, targetFrom } from '../lab-args.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';

export default defineCommand({
  meta: { name: 'deploy', description: helpText('deploy') },
  args: {
    lab: { type: 'positional', required: false, description: helpText('argLab') },
    target: labArgs.target,
    dir: labArgs.dir,
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'deploy');
    // A lab whose answer is a template deploys it as one stack, through CloudFormation.
    if (lab.definition.deploy.length === 0 && lab.definition.services.includes('cloudformation')) {
      const target = targetFrom(args);
      const lease = await ensureTarget(target, PROJECT_STATE_DIR);
      try {
        await deployLabStack(lab, target, learnerLabDir(lab, args.dir));
        if (lease.startedHere) console.log(commandText('emulatorRanHere', { dir: PROJECT_STATE_DIR }));
      } finally {
        await lease.stop();
      }
      return;
    }
    if (lab.definition.deploy.length === 0) {
      throw new WorkshopError('NOTHING_TO_DEPLOY', commandMessage('nothingToDeploy', { number: lab.number }), {
        hint: commandMessage('checkInstead', { number: lab.number }),
        exitCode: EXIT.usage,
      });
    }
    const target = targetFrom(args);
    const labDir = learnerLabDir(lab, args.dir);
    const lease = await ensureTarget(target, PROJECT_STATE_DIR);
    const clients = createClients(target);
    try {
      const role = await ensureExecutionRole(clients.iam, 'workshop-lambda-role');
      await grantLabPolicy(clients.iam, 'workshop-lambda-role', lab.definition, DEPLOY_PREFIX);
      const setup = async (calls: SetupCall[], functionArn?: string): Promise<unknown[]> => {
        if (calls.length === 0) return [];
        process.stdout.write(commandText('running', { calls: calls.map((call) => `${call.export} (${call.file})`).join(', ') }));
        const results = await runSetupCalls(labDir, calls, clients, target, functionArn);
        console.log(commandText('done'));
        return results;
      };
      for (const fn of lab.definition.deploy) {
        await setup(fn.before);
        await requireTable(clients, fn.environment?.TABLE_NAME, fn.before);
        process.stdout.write(commandText('bundling', { file: fn.file, export: fn.export }));
        const zip = await bundleHandler(join(labDir, fn.file), fn.export);
        process.stdout.write(commandText('deploying', { bytes: zip.length, name: fn.name }));
        const { arn, created } = await deployFunction(clients.lambda, { name: fn.name, role, zip, ...(fn.timeout ? { timeout: fn.timeout } : {}), ...(fn.environment ? { environment: fn.environment } : {}) });
        console.log(commandText(created ? 'created' : 'updated'));
        console.log(commandText('arn', { arn }));
        const url = urlAmong(await setup(fn.after, arn));
        // A function behind an HTTP API is tried as its clients use it: over HTTP.
        if (fn.request && url) console.log(commandText('request', { command: curlCommand(url, fn.request) }));
        else console.log(commandText('invoke', { command: invokeCommand(target, fn.name, fn.example) }));
      }
      if (lease.startedHere) console.log(commandText('emulatorRanHere', { dir: PROJECT_STATE_DIR }));
    } finally {
      clients.destroy();
      await lease.stop();
    }
  },
});
