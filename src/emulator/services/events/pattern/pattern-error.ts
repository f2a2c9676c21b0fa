/**
 * The error a rejected event pattern raises. Its message is what EventBridge answers in
 * InvalidEventPatternException: `Event pattern is not valid. Reason: ...`, with the reason texts of
 * the matching engine EventBridge runs, followed by the field where the problem is.
 */

/** Prefix of every InvalidEventPatternException message. */
export const INVALID_PATTERN_PREFIX = 'Event pattern is not valid. Reason: ';

/** An event pattern EventBridge would refuse (PutRule and TestEventPattern answer InvalidEventPatternException). */
export class PatternError extends Error {
  /** What is wrong, without the prefix or the location. */
  readonly reason: string;
  /** Dotted path of the pattern field where the problem is; empty for the pattern as a whole. */
  readonly path: string;

  constructor(reason: string, path = '') {
    super(`${INVALID_PATTERN_PREFIX}${reason}${path ? `\n at field "${path}"` : ''}`);
    this.name = 'PatternError';
    this.reason = reason;
    this.path = path;
  }
}

/** Throws a {@link PatternError}; typed `never` so callers read as guards. */
export function reject(reason: string, path = ''): never {
  throw new PatternError(reason, path);
}
