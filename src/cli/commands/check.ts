/** `workshop check [NN]`: grades a lab (or every lab) and prints the checklist with a hint to try. */
import { defineCommand } from 'citty';
import { helpText } from '../command-help.ts';
import { runLabs, type LabResult } from '../../core/check-runner.ts';
import { EXIT } from '../../core/errors.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { ensureTarget } from '../../core/ensure-target.ts';
import { progressPath, readProgress, recordRun, writeProgress } from '../../core/progress.ts';
import { formatChecklist, formatSummary, resultsJson, stuckLine } from '../checklist.ts';
import { labArgs, labsFrom, seedFrom, targetFrom } from '../lab-args.ts';

export default defineCommand({
  meta: { name: 'check', description: helpText('check') },
  args: {
    lab: { type: 'positional', required: false, description: helpText('argLabOrAll') },
    ...labArgs,
    json: { type: 'boolean', description: helpText('argJson') },
  },
  async run({ args }) {
    const target = targetFrom(args);
    const labs = labsFrom(args.lab);
    const seed = seedFrom(args);
    const lease = await ensureTarget(target);
    const file = progressPath(process.cwd());
    let results: LabResult[];
    try {
      results = await runLabs({ labs: labs.map((lab) => ({ lab, labDir: learnerLabDir(lab, args.dir) })), target, ...(seed !== undefined ? { seed } : {}) });
    } finally {
      await lease.stop();
    }
    const progress = readProgress(file, (message) => console.error(`workshop: ${message}`));
    results.forEach((result, index) => {
      const lab = labs[index]!;
      const entry = recordRun(progress, lab.id, result.checks);
      if (args.json) return;
      console.log(formatChecklist(result, target.name));
      const stuck = stuckLine(lab.number, lab.definition, entry);
      if (stuck) console.log(stuck);
      console.log('');
    });
    writeProgress(file, progress);
    if (args.json) console.log(JSON.stringify(results.length === 1 ? resultsJson(results[0]!) : results.map((result) => resultsJson(result)), null, 2));
    else if (results.length > 1) console.log(formatSummary(results));
    return results.every((result) => result.score === result.maxScore) ? EXIT.ok : EXIT.failed;
  },
});
