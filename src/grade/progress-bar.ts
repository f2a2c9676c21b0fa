/** Shows a cohort run's progress: a bar on a terminal, one plain line per learner elsewhere. */
import { inLanguage } from '../core/i18n/texts.ts';
import { gradeText } from './grade-messages.ts';
import { totalsOf, type PoolEvent } from './pool.ts';

/** A progress display writing to `stream`; the pool tells it how many submissions there are. */
export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): (event: PoolEvent) => void {
  let total = 0;
  let done = 0;
  let running = 0;
  let failed = 0;
  const tty = Boolean(stream.isTTY);
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${gradeText('progress', { done, total, running, failed })}`);
  };
  return (event) => {
    if (event.kind === 'planned') {
      total = event.total;
      return;
    }
    if (event.kind === 'started') {
      running++;
    } else {
      running--;
      done++;
      if (event.result.problem) failed++;
      if (!tty) {
        const { score, maxScore: max } = totalsOf(event.result);
        const problem = event.result.problemTexts ?? event.result.problem;
        const note = problem ? ` (${inLanguage(problem)})` : '';
        stream.write(`${gradeText('gradedOne', { learner: event.result.learner, score, max, seconds: (event.result.durationMs / 1000).toFixed(1), note, done, total })}\n`);
      }
    }
    if (tty) {
      draw();
      if (done === total) stream.write('\n');
    }
  };
}
