/** `workshop reset NN`: deletes the lab's resources in the target; with --code, restores the starter files (after a backup). */
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { createClients } from '../../core/clients.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { PROJECT_STATE_DIR, ensureTarget } from '../../core/ensure-target.ts';
import { deleteLabResources, restoreStarterFiles } from '../../core/reset.ts';
import { labArgs, requireLab, targetFrom } from '../lab-args.ts';
import { confirm } from '../prompt.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';
import { language } from '../../core/i18n/language.ts';
import { inLanguage } from '../../core/i18n/texts.ts';

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
