/**
 * Failure messages that teach: a wrong value is shown with the input that produced it, what was
 * expected and what came back, and the likely cause where a known mistake explains the value.
 * Graders compute each mistake's value from the rule themselves, so the cause is named only when
 * the value is exactly what that mistake gives.
 */
import { isDeepStrictEqual } from 'node:util';
import { textsOf, type Message } from '../i18n/texts.ts';
import { kitMessage } from './messages.ts';

/** What a grader says: a message of its lab's catalogue, or a plain string (shown as it is in every language). */
export type Saying = Message | string;

/** A known mistake: how to recognise the value it produces, and what to tell the learner. */
export interface Cause<T = unknown> {
  /** True when `got` is what this mistake produces where `expected` was due. */
  matches(got: unknown, expected: T): boolean;
  /** The mistake and its fix, in a sentence. */
  says: Saying;
}

/** A mistake recognised by the value it gives, which the grader computed with the mistake made. */
export function gives<T>(value: T, says: Saying): Cause<T> {
  return { matches: (got, expected) => !isDeepStrictEqual(value, expected) && isDeepStrictEqual(got, value), says };
}

/** A number a little off: within `delta` of the expected one, not equal to it. */
export function offBy(delta: number, says: Saying): Cause<number> {
  return { matches: (got, expected) => typeof got === 'number' && got !== expected && Math.abs(got - expected) <= delta, says };
}

/** A list of the expected items in the opposite order. */
export function reversed(says: Saying): Cause<readonly unknown[]> {
  return {
    matches: (got, expected) => Array.isArray(got) && expected.length > 1 && !isDeepStrictEqual([...expected].reverse(), [...expected]) && isDeepStrictEqual(got, [...expected].reverse()),
    says,
  };
}

/** A mistake recognised by any test on the value. */
export function when<T = unknown>(test: (got: unknown, expected: T) => boolean, says: Saying): Cause<T> {
  return { matches: test, says };
}

/** The first cause that explains `got` in place of `expected`, or undefined when none does. */
export function likelyCause<T>(got: unknown, expected: T, causes: ReadonlyArray<Cause<T>>): Saying | undefined {
  if (isDeepStrictEqual(got, expected)) return undefined;
  return causes.find((cause) => cause.matches(got, expected))?.says;
}

/** A value as one line of a message: JSON, `undefined` for nothing, NaN and Infinity as such. */
export function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What {@link mismatch} says. */
export interface MismatchOptions<T> {
  /** The value judged, like `totalCents`. */
  what: Saying;
  /** The graded input in a compact form, like `order ord-1001 (2 x 1250, code WELCOME10, EUR)`. */
  input?: Saying;
  expected: T;
  got: unknown;
  /** How the expected value comes about, shown after it, like `2500 - 250 discount + 450 tax`. */
  because?: Saying;
  causes?: ReadonlyArray<Cause<T>>;
}

/** One line: `what for input: expected X (because), got Y. Likely cause: ...`, in both languages. */
export function mismatch<T>(options: MismatchOptions<T>): Message {
  const { what, input, expected, got, because, causes = [] } = options;
  const cause = likelyCause(got, expected, causes);
  return kitMessage('mismatch', {
    what,
    forInput: input === undefined ? kitMessage('nothing') : kitMessage('forInput', { input }),
    expected: shown(expected),
    because: because === undefined ? kitMessage('nothing') : kitMessage('because', { because }),
    got: shown(got),
    cause: cause === undefined ? kitMessage('nothing') : kitMessage('cause', { cause }),
  });
}

/** An error that carries a message in both languages; the checklist shows the learner's. */
export class GraderFailure extends Error {
  readonly messageId: string;
  readonly texts: Message['texts'];

  constructor(message: Saying) {
    const texts = textsOf(message);
    super(texts.en);
    this.messageId = typeof message === 'string' ? 'verbatim' : message.id;
    this.texts = texts;
  }
}

/** Fails the current check with a {@link mismatch} line unless `got` deep-equals `expected`. */
export function expectValue<T>(options: MismatchOptions<T>): void {
  if (!isDeepStrictEqual(options.got, options.expected)) throw new GraderFailure(mismatch(options));
}
