/** `workshop watch NN`: re-runs a lab's check on every save, like rustlings' watch mode. */
import { watch } from 'chokidar';
import { defineCommand } from 'citty';
import { LabRunner } from '../../core/check-runner.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { ensureTarget } from '../../core/ensure-target.ts';
import { progressPath, readProgress, recordRun, writeProgress } from '../../core/progress.ts';
import { formatChecklist, stuckLine } from '../checklist.ts';
import { labArgs, requireLab, seedFrom, targetFrom } from '../lab-args.ts';
import { untilInterrupted } from '../run-emulator.ts';
import { helpText } from '../command-help.ts';
import { commandText } from '../command-messages.ts';
import { cliMessage } from '../messages.ts';
import { inLanguage } from '../../core/i18n/texts.ts';

/** How long to wait after a save before checking, so one save of several files runs once. */
const DEBOUNCE_MS = 300;

/** Erase the screen and its scrollback, then put the cursor at the top left. */
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export default defineCommand({
  meta: { name: 'watch', description: helpText('watch') },
  args: {
    lab: { type: 'positional', required: false, description: helpText('argLab') },
    ...labArgs,
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'watch');
    const target = targetFrom(args);
    const labDir = learnerLabDir(lab, args.dir);
    const chosenSeed = seedFrom(args);
    // The seed of the first run (the learner's, or the runner's random one) stays until every check
    // passes, so each save is judged on the same generated inputs; a pass earns fresh inputs.
    let seed = chosenSeed;
    const lease = await ensureTarget(target);
    // One runner for the whole session: each save is one more run of it, not a new Vitest.
    const runner = new LabRunner(target.name !== 'aws');
    const file = progressPath(process.cwd());
    let runs = 0;
    let running = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;

    const runOnce = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        if (runs++ > 0) {
          if (process.stdout.isTTY) process.stdout.write(CLEAR_SCREEN);
          console.log(commandText('checkingAgain', { number: lab.number }));
        }
        const result = (await runner.run({ labs: [{ lab, labDir }], target, ...(seed !== undefined ? { seed } : {}) }))[0]!;
        const passed = result.score === result.maxScore;
        seed = passed ? chosenSeed : result.seed;
        const progress = readProgress(file, (message) => console.error(inLanguage(cliMessage('errorPrefix', { message }))));
        const entry = recordRun(progress, lab.id, result.checks);
        writeProgress(file, progress);
        console.log(formatChecklist(result, target.name));
        const stuck = stuckLine(lab.number, lab.definition, entry);
        if (stuck) console.log(stuck);
        if (passed) console.log(`\n${commandText('everyCheckPasses')}${chosenSeed === undefined ? commandText('newInputs') : ''}`);
        console.log(`\n${commandText('watching', { dir: labDir })}`);
      } catch (error) {
        console.error(inLanguage(cliMessage('errorPrefix', { message: (error as Error).message })));
        console.log(`\n${commandText('watchingAfterError', { dir: labDir })}`);
      } finally {
        running = false;
        if (again) {
          again = false;
          void runOnce();
        }
      }
    };

    const watcher = watch(labDir, { ignoreInitial: true, ignored: (path) => path.includes('node_modules') });
    watcher.on('all', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void runOnce(), DEBOUNCE_MS);
    });
    // A save made while the watcher is still scanning the folder would go unseen.
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    await runOnce();
    await untilInterrupted();
    clearTimeout(timer);
    await watcher.close();
    await runner.close();
    await lease.stop();
  },
});
