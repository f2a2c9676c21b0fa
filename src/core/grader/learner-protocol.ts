/** The messages between the grader and the child that runs learner code (learner-child.ts). */

/** A request from the grader: which function to call, and with what. */
export interface LearnerCall {
  /** Matches the answer to the call. */
  id: number;
  file: string;
  exportName: string;
  args: unknown[];
}

/** The answer sent back. */
export type LearnerAnswer = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: { name: string; message: string } });

/** Marks an SDK client in arguments: `{ $client: 'lambda' }`. */
export const CLIENT_MARKER = '$client';
