/** `workshop reset NN`: deletes the lab's resources in the target; with --code, restores the starter files (after a backup). */
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { createClients } from '../../core/clients.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { PROJECT_STATE_DIR, ensureTarget } from '../../core/ensure-target.ts';
import { deleteLabResources, restoreStarterFiles } from '../../core/reset.ts';
import { labArgs, requireLab, targetFrom } from '../lab-args.ts';
import { confirm } from '../prompt.ts';

export default defineCommand({
  meta: { name: 'reset', description: 'Delete a lab\'s resources (and with --code, restore its starter files)' },
  args: {
    lab: { type: 'positional', required: false, description: 'The lab number, like 01' },
    target: labArgs.target,
    dir: labArgs.dir,
    code: { type: 'boolean', description: 'Also restore the starter files (your files are backed up first)' },
    yes: { type: 'boolean', description: 'Do not ask before restoring files' },
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'reset');
    const target = targetFrom(args);
    const lease = await ensureTarget(target, PROJECT_STATE_DIR);
    const clients = createClients(target);
    try {
      const deleted = await deleteLabResources(clients, lab.definition.resources, lab.definition.deploy.map((fn) => fn.name));
      console.log(deleted.length > 0 ? `Deleted: ${deleted.join(', ')}` : `Lab ${lab.number} had no resources in the ${target.name} target.`);
    } finally {
      clients.destroy();
      await lease.stop();
    }
    if (!args.code) return;
    const labDir = learnerLabDir(lab, args.dir);
    const files = lab.definition.files;
    if (!args.yes) {
      if (!process.stdin.isTTY) {
        throw new WorkshopError('CONFIRM_NEEDED', 'restoring files needs a yes', { hint: `add --yes to restore ${files.join(', ')} without asking`, exitCode: EXIT.usage });
      }
      if (!(await confirm(`Restore ${files.join(', ')} in ${labDir} to the starter version? Your files are backed up first. [y/N] `))) {
        console.log('Nothing restored.');
        return;
      }
    }
    const backup = restoreStarterFiles(lab, labDir);
    console.log(`Restored the starter files. Your previous files are in ${backup}`);
  },
});
