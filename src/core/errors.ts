/**
 * The one error type of the kit: a stable code, a plain message and, where there is one, what to
 * do next. Only the CLI entry point turns it into an exit code.
 */

/** Exit codes the CLI uses; anything a user caused is 1, a command that is not built yet is 3. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notAvailable: 3, internal: 70 } as const;

import { language } from './i18n/language.ts';
import { textsOf, type Message, type Texts } from './i18n/texts.ts';

/** Options for a {@link WorkshopError}. */
export interface WorkshopErrorOptions {
  /** What the user can do about it, in one sentence (a catalogue message speaks both languages). */
  hint?: string | Message;
  /** The process exit code main.ts uses for it. */
  exitCode?: number;
  cause?: unknown;
}

/** An error the user can cause or fix, with a stable code and a next step. */
export class WorkshopError extends Error {
  readonly code: string;
  /** The next step in the learner's language. */
  readonly hint: string | undefined;
  readonly exitCode: number;
  /** The message and the next step in every language. */
  readonly texts: { message: Texts; hint: Texts | undefined };

  constructor(code: string, message: string | Message, options: WorkshopErrorOptions = {}) {
    const texts = { message: textsOf(message), hint: options.hint === undefined ? undefined : textsOf(options.hint) };
    super(texts.message[language()], { cause: options.cause });
    this.name = 'WorkshopError';
    this.code = code;
    this.texts = texts;
    this.hint = texts.hint?.[language()];
    this.exitCode = options.exitCode ?? EXIT.failed;
  }
}

/** True when `error` is a {@link WorkshopError} (also across module copies). */
export function isWorkshopError(error: unknown): error is WorkshopError {
  return error instanceof Error && error.name === 'WorkshopError' && 'code' in error;
}
