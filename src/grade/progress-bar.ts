/** Shows a cohort run's progress: a bar on a terminal, one plain line per learner elsewhere. */
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
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} done, ${running} running, ${failed} failed to grade `);
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
        const note = event.result.problem ? ` (${event.result.problem})` : '';
        stream.write(`graded ${event.result.learner}: ${score}/${max} in ${(event.result.durationMs / 1000).toFixed(1)} s${note} [${done}/${total}]\n`);
      }
    }
    if (tty) {
      draw();
      if (done === total) stream.write('\n');
    }
  };
}
