/** `workshop reset NN`: deletes the lab's resources in the target; with --code, restores the starter files (after a backup). */
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createClients, sdkConfig, type AwsClients } from '../../core/clients.ts';
import type { Message } from '../../core/i18n/texts.ts';
import { labPackageBucket, labStackName } from '../../core/stack-deploy.ts';
import type { Target } from '../../core/target.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { PROJECT_STATE_DIR, ensureTarget } from '../../core/ensure-target.ts';
import { deleteLabResources, deleteLabStack, restoreStarterFiles } from '../../core/reset.ts';
import { labArgs, requireLab, targetFrom } from '../lab-args.ts';
import { confirm } from '../prompt.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';
import { language } from '../../core/i18n/language.ts';
import { inLanguage } from '../../core/i18n/texts.ts';

/** Deletes the stack and package bucket `workshop deploy` made for a template lab. */
async function deleteStackOf(labId: string, target: Target, clients: AwsClients): Promise<Message[]> {
  const cfn = new CloudFormationClient(sdkConfig(target));
  try {
    const account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account ?? '000000000000';
    return await deleteLabStack(cfn, clients, labStackName(labId), labPackageBucket(labId, account));
  } finally {
    cfn.destroy();
  }
}

export default defineCommand({
  meta: { name: 'reset', description: helpText('reset') },
  args: {
    lab: { type: 'positional', required: false, description: helpText('argLab') },
    target: labArgs.target,
    dir: labArgs.dir,
    code: { type: 'boolean', description: helpText('resetCode') },
    yes: { type: 'boolean', description: helpText('resetYes') },
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'reset');
    const target = targetFrom(args);
    const lease = await ensureTarget(target, PROJECT_STATE_DIR);
    const clients = createClients(target);
    try {
      const deleted = await deleteLabResources(clients, lab.definition.resources, lab.definition.deploy.map((fn) => fn.name));
      if (lab.definition.services.includes('cloudformation')) deleted.push(...(await deleteStackOf(lab.id, target, clients)));
      console.log(deleted.length > 0 ? commandText('deleted', { list: deleted.map((label) => inLanguage(label)).join(language() === 'zh-cn' ? '、' : ', ') }) : commandText('nothingDeleted', { number: lab.number, target: target.name }));
    } finally {
      clients.destroy();
      await lease.stop();
    }
    if (!args.code) return;
    const labDir = learnerLabDir(lab, args.dir);
    const files = lab.definition.files;
    if (!args.yes) {
      if (!process.stdin.isTTY) {
        throw new WorkshopError('CONFIRM_NEEDED', commandMessage('needsYes'), { hint: commandMessage('addYes', { files: files.join(', ') }), exitCode: EXIT.usage });
      }
      if (!(await confirm(commandText('restoreQuestion', { files: files.join(', '), dir: labDir })))) {
        console.log(commandText('nothingRestored'));
        return;
      }
    }
    const backup = restoreStarterFiles(lab, labDir);
    console.log(commandText('restored', { backup }));
  },
});
