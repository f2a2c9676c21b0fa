/** `workshop dev check [NN]` (maintainers): every starter fails, every solution passes, every mutant fails its check. */
import { padTo } from '../columns.ts';
import { defineCommand } from 'citty';
import { styleText } from 'node:util';
import { devCheck, type DevCheckRow } from '../../core/dev-check.ts';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { ensureTarget } from '../../core/ensure-target.ts';
import { labArgs, labsFrom, targetFrom } from '../lab-args.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';

export default defineCommand({
  meta: { name: 'dev', description: helpText('devMeta') },
  args: {
    action: { type: 'positional', required: true, description: helpText('devAction') },
    lab: { type: 'positional', required: false, description: helpText('devLab') },
    target: labArgs.target,
  },
  async run({ args }) {
    if (args.action !== 'check') {
      throw new WorkshopError('UNKNOWN_ACTION', commandMessage('unknownDevAction', { action: args.action }), { hint: commandMessage('oneDevAction'), exitCode: EXIT.usage });
    }
    const target = targetFrom(args);
    const labs = labsFrom(args.lab);
    const lease = await ensureTarget(target);
    try {
      const show = (row: DevCheckRow) => {
        const mark = row.ok ? styleText('green', '✔') : styleText('red', '✖');
        console.log(`${mark} ${padTo(row.lab, 22)} ${padTo(row.variant, 30)} ${padTo(row.expected, 28)} ${row.detail}`);
      };
      const rows = await devCheck(labs, target, show);
      // The page grades with the same graders against its own emulator, whatever the target.
      const { browserPassUnavailable, devCheckInPage } = await import('../../browser/dev-check-page.ts');
      const unavailable = await browserPassUnavailable();
      if (unavailable) console.log(unavailable);
      else rows.push(...(await devCheckInPage(labs, show)));
      const bad = rows.filter((row) => !row.ok).length;
      if (bad > 0) {
        throw new WorkshopError('DEV_CHECK_FAILED', commandMessage('proofsFailed', { bad, count: rows.length }), { hint: commandMessage('proofsFailedHint'), exitCode: EXIT.failed });
      }
      console.log(commandText('proofsHold', { count: rows.length, labs: labs.length }));
    } finally {
      await lease.stop();
    }
  },
});
