/**
 * The messages between the lab worker and a learner worker (learner-worker.ts), the page's
 * counterpart of the grader's child process: the calls and answers of learner-protocol.ts, the
 * learner's console output, and the exit of a worker whose code crashed. Emulator requests go
 * over the MessagePort of the start message (emulator/wire.ts).
 */
import type { LearnerAnswer, LearnerCall } from '../../core/grader/learner-protocol.ts';
import type { MessageTarget } from '../emulator/wire.ts';

/** Lab worker -> learner worker, first: the run's variables and the port to the emulator. */
export interface StartMessage {
  kind: 'start';
  /** The run's variables (endpoint, region, the run's account): the worker's `process.env`. */
  env: Record<string, string>;
  /** Emulator requests of the learner's SDK clients go over this port. */
  port: MessageTarget;
}

/** Lab worker -> learner worker: call an export; `code` (the file's bundle) comes with the first call of a file. */
export interface CallMessage extends LearnerCall {
  kind: 'call';
  code?: string;
}

/** Learner worker -> lab worker: the answer to a call. */
export type AnswerMessage = { kind: 'answer' } & LearnerAnswer;

/** Learner worker -> lab worker: one line the learner's code printed. */
export interface OutputMessage {
  kind: 'output';
  text: string;
}

/** Learner worker -> lab worker: the learner's code crashed the worker (an uncaught error), as a process exits with code 1. */
export interface CrashMessage {
  kind: 'crash';
  code: number;
}

/** What a learner worker sends. */
export type FromLearner = AnswerMessage | OutputMessage | CrashMessage;
