/** `npm run bench`: runs every benchmark one after another, each in its own process, and prints their figures. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['lambda.ts', 'events.ts', 'sns.ts', 'stepfunctions.ts', 'dynamodb.ts', 'dynamodb-streams.ts', 'validation.ts', 'iam.ts', 'apigateway.ts', 'startup.ts', 'state.ts', 'check.ts', 'grade.ts', 'page.ts', 'page-check.ts'];
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench} ===`);
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(bench, import.meta.url))], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
