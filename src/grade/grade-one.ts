/**
 * The child process that grades one submission: runs each lab's grader against the submission's
 * lab folder in the submission's own emulator account, and sends the results to the parent.
 * One process per submission bounds what a submission can do to its own time budget. This file
 * is only ever a process entry: importing it elsewhere would take over that process's channel.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runLabs, type LabResult } from '../core/check-runner.ts';
import { findLab } from '../core/labs.ts';
import { resolveTarget } from '../core/target.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';

async function grade(request: GradeRequest): Promise<void> {
  const target = resolveTarget({ flag: request.targetName, env: { AWS_ENDPOINT_URL: request.endpoint }, accountId: request.accountId });
  const present = request.labIds.filter((labId) => existsSync(join(request.workDir, labId)));
  for (const labId of request.labIds) {
    if (!present.includes(labId)) process.send!({ kind: 'lab', result: missingLabResult(labId, `the submission has no folder ${labId}`, request.seed) } satisfies GradeMessage);
  }
  if (present.length > 0) {
    let results: LabResult[];
    try {
      // The prefix ties resource names to the learner, so the emulator's state stays readable.
      results = await runLabs({
        labs: present.map((labId) => ({ lab: findLab(labId), labDir: join(request.workDir, labId) })),
        target,
        seed: request.seed,
        accountId: request.accountId,
        prefix: `g${request.accountId.slice(-6)}`,
      });
    } catch (error) {
      results = present.map((labId) => missingLabResult(labId, `grading failed: ${(error as Error).message}`, request.seed));
    }
    for (const result of results) process.send!({ kind: 'lab', result } satisfies GradeMessage);
  }
  process.send!({ kind: 'done' } satisfies GradeMessage, () => process.exit(0));
}

if (process.send) process.once('message', (request: GradeRequest) => void grade(request));
