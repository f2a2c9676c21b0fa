/** `npm run new:lab -- NN-slug [--title "..."]`: creates a lab's starter, solution, grader and lesson page. */
import { parseArgs } from 'node:util';
import { isWorkshopError } from '../src/core/errors.ts';
import { scaffoldLab } from '../src/core/scaffold.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { title: { type: 'string' } } });
const [id] = positionals;
if (!id) {
  console.error('usage: npm run new:lab -- NN-slug [--title "Lab title"]   (for example: npm run new:lab -- 05-order-events)');
  process.exit(2);
}
try {
  const created = scaffoldLab(process.cwd(), id, values.title);
  console.log(`Created lab ${id}:`);
  for (const path of created) console.log(`  ${path}`);
  console.log('Next: write the checks in the grader, make the starter fail and the solution pass, then record the starter with `npm run starters`.');
} catch (error) {
  if (!isWorkshopError(error)) throw error;
  console.error(`new:lab: ${error.message}${error.hint ? `\n  next: ${error.hint}` : ''}`);
  process.exit(error.exitCode);
}
