/**
 * A child process (started with test/support/vitest-as-shim.mjs preloaded) that grades one lab
 * folder with the page's runner against an emulator of its own, and prints the result as JSON:
 * `node --import vitest-as-shim.mjs page-runner-child.ts <lab id> <lab folder> <seed>`.
 */
import { pathToFileURL } from 'node:url';
import { gradeLab } from '../../src/browser/grader/grade-collected.ts';
import { findLab } from '../../src/core/labs.ts';
import { graderEnvironment } from '../../src/core/run-env.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { startEmulator } from '../../src/emulator/server.ts';

const [labId, labDir, seedText] = process.argv.slice(2) as [string, string, string];
const running = await startEmulator({ port: 0, log: () => {} });
try {
  const lab = findLab(labId);
  const seed = Number(seedText);
  const target = resolveTarget({ env: { AWS_ENDPOINT_URL: running.url } });
  Object.assign(process.env, graderEnvironment({ [lab.id]: labDir }, seed, target));
  const result = await gradeLab(lab, () => import(pathToFileURL(lab.graderFile).href), seed);
  process.stdout.write(JSON.stringify(result));
} finally {
  await running.stop();
}
