/**
 * Whether `workshop grade` may run submissions here: only inside the OS sandbox, unless the
 * instructor says the submissions are trusted (a throw-away container per submission, say).
 */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { GRADING_HINT, gradingRefused, osSandbox } from '../sandbox/index.ts';

/** Throws, saying why and how to install bubblewrap, when there is no OS sandbox and `trusted` is false; returns a warning to show when trusted code runs without one. */
export function checkGradingSandbox(trusted: boolean): string | undefined {
  const sandbox = osSandbox();
  if (sandbox.kind === 'bwrap') return undefined;
  if (!trusted) throw new WorkshopError('NO_SANDBOX', gradingRefused(sandbox.reason), { hint: GRADING_HINT, exitCode: EXIT.failed });
  return `Grading without an OS sandbox (${sandbox.reason}), as --trust-submissions allows: submissions' code can read this machine's files.`;
}
