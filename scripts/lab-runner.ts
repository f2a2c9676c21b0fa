/**
 * Builds the lab runner the lab pages load when "Do this lab here" is pressed (the lab worker,
 * the page labs' graders, the Lambda environment, the learner worker) into a folder the site serves
 * at /_lab/. The site's build runs this after Astro's.
 *
 * Usage: node scripts/lab-runner.ts <outDir>
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLabRunner } from '../src/browser/lab-bundle.ts';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node scripts/lab-runner.ts <outDir>');
  await bundleLabRunner(resolve(outDir));
}
