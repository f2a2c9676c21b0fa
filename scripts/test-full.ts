/**
 * `npm run test:full`: `npm test` with the exhaustive variants on (WORKSHOP_TEST_FULL=1: the cohort
 * test grades every mutant and every lab of each learner, the main path and the Classroom workflow
 * grade every lab, the diagrams are measured in every theme and width and screenshot), then
 * `workshop dev check` over every lab, in the browser too.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const kit = fileURLToPath(new URL('../', import.meta.url));
const steps: Array<[string, string[]]> = [
  ['npm', ['test']],
  [process.execPath, ['bin/workshop.mjs', 'dev', 'check']],
];
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { cwd: kit, stdio: 'inherit', env: { ...process.env, WORKSHOP_TEST_FULL: '1' }, shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
