/**
 * Whether `workshop grade` may run submissions here: only inside the OS sandbox, unless the
 * instructor says the submissions are trusted (a throw-away container per submission, say).
 */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { osSandbox } from '../sandbox/index.ts';
import { gradeMessage, gradeText } from './grade-messages.ts';

/** Throws, saying why and how to install bubblewrap, when there is no OS sandbox and `trusted` is false; returns a warning to show when trusted code runs without one. */
export function checkGradingSandbox(trusted: boolean): string | undefined {
  const sandbox = osSandbox();
  if (sandbox.kind === 'bwrap') return undefined;
  if (!trusted) throw new WorkshopError('NO_SANDBOX', gradeMessage('gradingRefused', { reason: sandbox.reason }), { hint: gradeMessage('gradingHint'), exitCode: EXIT.failed });
  return gradeText('noSandboxWarning', { reason: sandbox.reason });
}
