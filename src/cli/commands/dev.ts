/** `workshop dev check [NN]` (maintainers): every starter fails, every solution passes, every mutant fails its check. */
import { defineCommand } from 'citty';
import { styleText } from 'node:util';
import { devCheck } from '../../core/dev-check.ts';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { ensureTarget } from '../../core/ensure-target.ts';
import { labArgs, labsFrom, targetFrom } from '../lab-args.ts';

export default defineCommand({
  meta: { name: 'dev', description: 'Maintainer tools: `dev check` proves every lab fails as a starter and passes as a solution' },
  args: {
    action: { type: 'positional', required: true, description: 'check' },
    lab: { type: 'positional', required: false, description: 'One lab number (default: every lab)' },
    target: labArgs.target,
  },
  async run({ args }) {
    if (args.action !== 'check') {
      throw new WorkshopError('UNKNOWN_ACTION', `unknown dev action "${args.action}"`, { hint: 'the one dev action is `workshop dev check`', exitCode: EXIT.usage });
    }
    const target = targetFrom(args);
    const labs = labsFrom(args.lab);
    const lease = await ensureTarget(target);
    try {
      const rows = await devCheck(labs, target, (row) => {
        const mark = row.ok ? styleText('green', '✔') : styleText('red', '✖');
        console.log(`${mark} ${row.lab.padEnd(22)} ${row.variant.padEnd(30)} ${row.expected.padEnd(28)} ${row.detail}`);
      });
      const bad = rows.filter((row) => !row.ok).length;
      if (bad > 0) {
        throw new WorkshopError('DEV_CHECK_FAILED', `${bad} of ${rows.length} grader proofs failed`, { hint: 'each ✖ line says which variant did not behave as expected', exitCode: EXIT.failed });
      }
      console.log(`All ${rows.length} grader proofs hold for ${labs.length} lab(s).`);
    } finally {
      await lease.stop();
    }
  },
});
