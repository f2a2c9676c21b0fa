/**
 * `npm run starters`: records the git blob id of every lab's starter files in labs/starters.json,
 * which `workshop reset --code` and the tests use to find the pristine starters. `--check` only
 * compares (CI runs it on a clean checkout) and exits 1 when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { manifestOfWorkingTree, readStarterManifest, starterManifestPath } from '../src/core/starters.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
const wanted = manifestOfWorkingTree();
const text = `${JSON.stringify(wanted, null, 2)}\n`;
if (values.check) {
  let recorded: Record<string, string> = {};
  try {
    recorded = readStarterManifest();
  } catch {
    recorded = {};
  }
  const keys = [...new Set([...Object.keys(wanted), ...Object.keys(recorded)])].sort();
  const stale = keys.filter((key) => wanted[key] !== recorded[key]);
  if (stale.length > 0) {
    console.error(`labs/starters.json is out of date for: ${stale.join(', ')}`);
    console.error('  next: run `npm run starters` and commit labs/starters.json with the starters');
    process.exit(1);
  }
  console.log(`labs/starters.json lists the ${keys.length} starter files as they are`);
} else {
  writeFileSync(starterManifestPath(), text);
  console.log(`Recorded ${Object.keys(wanted).length} starter files in labs/starters.json`);
}
