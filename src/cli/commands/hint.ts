/** `workshop hint NN`: reveals the next hint for a lab's failing checks and remembers how many were shown. */
import { defineCommand } from 'citty';
import { hintSequence } from '../../core/hints.ts';
import { labProgress, progressPath, readProgress, writeProgress } from '../../core/progress.ts';
import { requireLab } from '../lab-args.ts';

export default defineCommand({
  meta: { name: 'hint', description: 'Reveal the next hint for a lab' },
  args: {
    lab: { type: 'positional', required: false, description: 'The lab number, like 01' },
    all: { type: 'boolean', description: 'List every hint revealed so far again' },
  },
  run({ args }) {
    const lab = requireLab(args.lab, 'hint');
    const file = progressPath(process.cwd());
    const progress = readProgress(file, (message) => console.error(`workshop: ${message}`));
    const maxScore = lab.definition.checks.reduce((sum, check) => sum + check.points, 0);
    const entry = labProgress(progress, lab.id, maxScore);
    const steps = hintSequence(lab.definition, entry);
    if (steps.length === 0) {
      console.log(`Lab ${lab.number}: every check passed last time, so there is nothing to hint. Run \`npx workshop check ${lab.number}\` to confirm.`);
      return;
    }
    if (args.all || entry.hintsShown >= steps.length) {
      if (!args.all) console.log(`Every hint for lab ${lab.number} is shown; here they are again:`);
      steps.slice(0, Math.max(entry.hintsShown, 1)).forEach((step, index) => console.log(`${index + 1}. (${step.checkTitle}) ${step.text}`));
      return;
    }
    const step = steps[entry.hintsShown]!;
    entry.hintsShown += 1;
    writeProgress(file, progress);
    console.log(`Hint ${entry.hintsShown} of ${steps.length} for lab ${lab.number}, check "${step.checkTitle}":`);
    console.log(`  ${step.text}`);
    if (entry.hintsShown < steps.length) console.log(`Run \`npx workshop hint ${lab.number}\` again for the next one.`);
  },
});
