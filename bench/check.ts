/**
 * `workshop check` timing (run with `node bench/check.ts`): the real CLI grading each lab's
 * solution against an emulator it starts itself, as a learner runs it. Five runs per lab; prints
 * the median and the fastest.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIT_ROOT } from '../src/core/kit.ts';
import { listLabs } from '../src/core/labs.ts';
import { percentile, report } from './stats.ts';

const cli = fileURLToPath(new URL('../bin/workshop.mjs', import.meta.url));
console.log(`workshop check on each solution (5 runs each), Node.js ${process.version}`);
for (const lab of listLabs()) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [cli, 'check', lab.number, '--dir', join(KIT_ROOT, 'solutions')], { encoding: 'utf8', env: { ...process.env, AWS_ENDPOINT_URL: 'http://127.0.0.1:4599', WORKSHOP_TARGET: 'emulator' } });
    times.push((performance.now() - started) / 1000);
    if (run.status !== 0) {
      console.error(run.stdout, run.stderr);
      process.exitCode = 1;
    }
  }
  report(`workshop check ${lab.number} (solution): median`, percentile(times, 50), 's', `fastest ${Math.min(...times).toFixed(2)} s`);
}
