/**
 * A grading worker: a child process that grades submissions one after another, each in its own
 * emulator account, reusing one Vitest instance between them. The pool stops it (and starts a
 * fresh one) when a submission runs past its time budget, so a submission can only spend its own
 * budget. This file is only ever a process entry: importing it elsewhere would take over that
 * process's channel.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LabRunner, type LabResult } from '../core/check-runner.ts';
import { findLab } from '../core/labs.ts';
import { resolveTarget } from '../core/target.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';

// Grading only ever targets a local emulator or LocalStack: the host's credentials stay hidden for good.
const runner = new LabRunner(true);

async function grade(request: GradeRequest): Promise<void> {
  const target = resolveTarget({ flag: request.targetName, env: { AWS_ENDPOINT_URL: request.endpoint }, accountId: request.accountId });
  const present = request.labIds.filter((labId) => existsSync(join(request.workDir, labId)));
  for (const labId of request.labIds) {
    if (!present.includes(labId)) process.send!({ kind: 'lab', learner: request.learner, result: missingLabResult(labId, `the submission has no folder ${labId}`, request.seed) } satisfies GradeMessage);
  }
  if (present.length > 0) {
    let results: LabResult[];
    try {
      // The prefix ties resource names to the learner, so the emulator's state stays readable.
      results = await runner.run({
        labs: present.map((labId) => ({ lab: findLab(labId), labDir: join(request.workDir, labId) })),
        target,
        seed: request.seed,
        accountId: request.accountId,
        prefix: `g${request.accountId.slice(-6)}`,
      });
    } catch (error) {
      results = present.map((labId) => missingLabResult(labId, `grading failed: ${(error as Error).message}`, request.seed));
    }
    for (const result of results) process.send!({ kind: 'lab', learner: request.learner, result } satisfies GradeMessage);
  }
  process.send!({ kind: 'done', learner: request.learner } satisfies GradeMessage);
}

if (process.send) {
  // Requests come one at a time: the pool sends the next only after `done`.
  process.on('message', (request: GradeRequest) => void grade(request));
  process.on('disconnect', () => void runner.close().finally(() => process.exit(0)));
}
