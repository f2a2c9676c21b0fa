/** `workshop hint NN`: reveals the next hint for a lab's failing checks and remembers which hints were shown. */
import { defineCommand } from 'citty';
import { hintState, type HintStep } from '../../core/hints.ts';
import { labProgress, progressPath, readProgress, writeProgress } from '../../core/progress.ts';
import { requireLab } from '../lab-args.ts';

function list(steps: HintStep[]): void {
  steps.forEach((step, index) => console.log(`${index + 1}. (${step.checkTitle}) ${step.text}`));
}

export default defineCommand({
  meta: { name: 'hint', description: 'Reveal the next hint for a lab' },
  args: {
    lab: { type: 'positional', required: false, description: 'The lab number, like 01' },
    all: { type: 'boolean', description: 'List every hint revealed so far again' },
  },
  run({ args }) {
    const lab = requireLab(args.lab, 'hint');
    const number = lab.number;
    const file = progressPath(process.cwd());
    const progress = readProgress(file, (message) => console.error(`workshop: ${message}`));
    const maxScore = lab.definition.checks.reduce((sum, check) => sum + check.points, 0);
    const entry = labProgress(progress, lab.id, maxScore);
    const state = hintState(lab.definition, entry);
    if (args.all) {
      if (state.revealed.length === 0) {
        console.log(`No hint for lab ${number} is revealed yet: run \`npx workshop hint ${number}\` to see the first.`);
        return;
      }
      console.log(`Hints revealed for lab ${number} so far (${state.revealed.length}):`);
      list(state.revealed);
      if (state.next) console.log(`Run \`npx workshop hint ${number}\` for the next one.`);
      return;
    }
    if (state.relevant.length === 0) {
      const passedAll = entry.lastResult?.checks.every((check) => check.passed) === true;
      console.log(passedAll
        ? `Lab ${number}: every check passed last time, so there is nothing to hint. Run \`npx workshop check ${number}\` to confirm.`
        : `Lab ${number}: the checks still failing have no hints. Their messages in \`npx workshop check ${number}\` and the lab's README say what they need.`);
      return;
    }
    if (!state.next) {
      console.log(`Every hint for the checks still failing in lab ${number} is shown; here they are again:`);
      list(state.relevant);
      console.log(`Read labs/${lab.id}/README.md again, or run \`npx workshop check ${number}\` after your next change to see what still fails.`);
      return;
    }
    const step = state.next;
    entry.hintsRevealed.push(step.id);
    writeProgress(file, progress);
    // Counted over the hints of the checks still failing: a check that passes takes its hints out
    // of both numbers, and the hints already seen of those still failing count as seen.
    const shown = state.relevantRevealed + 1;
    const total = state.relevant.length;
    console.log(`Hint ${shown} of ${total} for lab ${number}, check "${step.checkTitle}":`);
    console.log(`  ${step.text}`);
    console.log(shown < total
      ? `Run \`npx workshop hint ${number}\` again for the next one.`
      : `That was the last hint for the checks still failing; \`npx workshop hint ${number} --all\` lists every hint shown.`);
  },
});
