/** `workshop watch NN`: re-runs a lab's check on every save, like rustlings' watch mode. */
import { watch } from 'chokidar';
import { defineCommand } from 'citty';
import { LabRunner } from '../../core/check-runner.ts';
import { learnerLabDir } from '../../core/labs.ts';
import { ensureEmulator } from '../../core/local-emulator.ts';
import { progressPath, readProgress, recordRun, writeProgress } from '../../core/progress.ts';
import { formatChecklist } from '../checklist.ts';
import { labArgs, requireLab, seedFrom, targetFrom } from '../lab-args.ts';
import { untilInterrupted } from '../run-emulator.ts';

/** How long to wait after a save before checking, so one save of several files runs once. */
const DEBOUNCE_MS = 300;

export default defineCommand({
  meta: { name: 'watch', description: 'Re-run a lab\'s check every time you save a file' },
  args: {
    lab: { type: 'positional', required: false, description: 'The lab number, like 01' },
    ...labArgs,
  },
  async run({ args }) {
    const lab = requireLab(args.lab, 'watch');
    const target = targetFrom(args);
    const labDir = learnerLabDir(lab, args.dir);
    const seed = seedFrom(args);
    const lease = await ensureEmulator(target);
    // One runner for the whole session: each save is one more run of it, not a new Vitest.
    const runner = new LabRunner(target.name !== 'aws');
    const file = progressPath(process.cwd());
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
        if (process.stdout.isTTY) process.stdout.write('\u001bc');
        const result = (await runner.run({ labs: [{ lab, labDir }], target, ...(seed !== undefined ? { seed } : {}) }))[0]!;
        const progress = readProgress(file, (message) => console.error(`workshop: ${message}`));
        recordRun(progress, lab.id, result.checks);
        writeProgress(file, progress);
        console.log(formatChecklist(result, target.name));
        console.log(result.score === result.maxScore ? '\nEvery check passes. On to the next lab!' : `\nWatching ${labDir}: save a file to check again (Ctrl-C to stop).`);
      } catch (error) {
        console.error(`workshop: ${(error as Error).message}`);
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
    await runOnce();
    await untilInterrupted();
    clearTimeout(timer);
    await watcher.close();
    await runner.close();
    await lease.stop();
  },
});
