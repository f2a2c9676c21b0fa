/** `workshop hint NN`: reveals the next hint for a lab's failing checks and remembers which hints were shown. */
import { defineCommand } from 'citty';
import { helpText } from '../command-help.ts';
import { hintState, type HintStep } from '../../core/hints.ts';
import { labProgress, progressPath, readProgress, writeProgress } from '../../core/progress.ts';
import { language } from '../../core/i18n/language.ts';
import { requireLab } from '../lab-args.ts';
import { cliMessage } from '../messages.ts';

function list(steps: HintStep[]): void {
  const lang = language();
  steps.forEach((step, index) => say('hintListItem', { index: index + 1, title: step.checkTitle[lang], text: step.text[lang] }));
}

function say(...args: Parameters<typeof cliMessage>): void {
  console.log(cliMessage(...args).texts[language()]);
}

export default defineCommand({
  meta: { name: 'hint', description: helpText('hint') },
  args: {
    lab: { type: 'positional', required: false, description: helpText('argLab') },
    all: { type: 'boolean', description: helpText('argAllHints') },
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
        say('hintNoneYet', { number });
        return;
      }
      say('hintRevealedSoFar', { number, count: state.revealed.length });
      list(state.revealed);
      if (state.next) say('hintRunForNext', { number });
      return;
    }
    if (state.relevant.length === 0) {
      const passedAll = entry.lastResult?.checks.every((check) => check.passed) === true;
      say(passedAll ? 'hintAllPassed' : 'hintFailingHaveNone', { number });
      return;
    }
    if (!state.next) {
      say('hintAllShownAgain', { number });
      list(state.relevant);
      say('hintReadAgain', { number, readme: `labs/${lab.id}/${language() === 'zh-cn' ? 'README.zh-cn.md' : 'README.md'}` });
      return;
    }
    const step = state.next;
    entry.hintsRevealed.push(step.id);
    writeProgress(file, progress);
    // Counted over the hints of the checks still failing: a check that passes takes its hints out
    // of both numbers, and the hints already seen of those still failing count as seen.
    const shown = state.relevantRevealed + 1;
    const total = state.relevant.length;
    say('hintHead', { shown, total, number, title: step.checkTitle[language()] });
    console.log(`  ${step.text[language()]}`);
    say(shown < total ? 'hintAgain' : 'hintLast', { number });
  },
});
