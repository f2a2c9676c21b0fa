/**
 * A grading worker: a child process that grades batches of submissions, each submission in its own
 * emulator account, reusing one Vitest instance between batches and one Vitest worker within a
 * batch. The pool stops it (and starts a fresh one) when a submission runs past its time budget,
 * so a submission can only spend its own budget. This file is only ever a process entry:
 * importing it elsewhere would take over that process's channel.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LabRunner, type RunLabsOptions } from '../core/check-runner.ts';
import { findLab } from '../core/labs.ts';
import { resolveTarget, withSecret } from '../core/target.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';
import { gradeMessage } from './grade-messages.ts';

// Grading only ever targets a local emulator or LocalStack: the host's credentials stay hidden for good.
const runner = new LabRunner(true);

function send(message: GradeMessage): void {
  process.send!(message);
}

/** A submission being graded: its labs still to report. */
interface Pending {
  learner: string;
  seed: number;
  labIds: Set<string>;
}

function report(pending: Pending, labId: string, message: GradeMessage & { kind: 'lab' }): void {
  send(message);
  pending.labIds.delete(labId);
  if (pending.labIds.size === 0) send({ kind: 'done', learner: pending.learner });
}

async function grade(request: GradeRequest): Promise<void> {
  const runs: RunLabsOptions[] = [];
  const owners: Pending[] = [];
  for (const entry of request.batch) {
    const present = entry.labIds.filter((labId) => existsSync(join(entry.workDir, labId)));
    for (const labId of entry.labIds) {
      if (!present.includes(labId)) send({ kind: 'lab', learner: entry.learner, result: missingLabResult(labId, gradeMessage('noLabFolder', { labId }), request.seed) });
    }
    if (present.length === 0) {
      send({ kind: 'done', learner: entry.learner });
      continue;
    }
    runs.push({
      labs: present.map((labId) => ({ lab: findLab(labId), labDir: join(entry.workDir, labId) })),
      target: withSecret(resolveTarget({ flag: request.targetName, env: { AWS_ENDPOINT_URL: request.endpoint }, accountId: entry.accountId }), entry.secretAccessKey),
      seed: request.seed,
      accountId: entry.accountId,
      // The prefix ties resource names to the learner, so the emulator's state stays readable.
      prefix: `g${entry.accountId.slice(-6)}`,
    });
    owners.push({ learner: entry.learner, seed: request.seed, labIds: new Set(present) });
  }
  if (runs.length === 0) return;
  try {
    await runner.runMany(runs, (run, result) => report(owners[run]!, result.labId, { kind: 'lab', learner: owners[run]!.learner, result }));
  } catch (error) {
    for (const owner of owners) {
      for (const labId of [...owner.labIds]) report(owner, labId, { kind: 'lab', learner: owner.learner, result: missingLabResult(labId, gradeMessage('gradingFailed', { reason: (error as Error).message }), owner.seed) });
    }
  }
}

if (process.send) {
  // Batches come one at a time: the pool sends the next only after the last learner's `done`.
  process.on('message', (request: GradeRequest) => void grade(request));
  process.on('disconnect', () => void runner.close().finally(() => process.exit(0)));
}
