/**
 * The emulator's trace speaks English sentences (`1 target(s)`, `synchronous invocation of
 * version $LATEST, ...`, a rule's `expected one of [...]`). This reads the sentences it writes
 * and says them again in the page's language; a sentence it does not know (an AWS error message,
 * a learner's own error) is shown as it came. Names, codes and values inside are kept as they are.
 */
import { fill, formatNumber, pluralIn } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { SNS_ERRORS, snsDetails, snsReasons } from './trace-sns.ts';

type TraceStrings = Strings['trace'];
type Outcomes = Strings['live']['outcomes'];

/** A sentence the emulator writes, and how to say it from its parts (`T`: the strings it is said with). */
export type Form<T = TraceStrings> = [RegExp, (parts: string[], t: T, locale: string | undefined) => string];

const count = (text: string) => Number.parseInt(text, 10);

/** How the matcher describes an operand (`a string starting with "eu-"`), in the page's language. */
function operand(text: string, t: TraceStrings): string {
  if (text === 'any value') return t.anyValue;
  // An anything-but of several operands joins their wordings with " and ".
  const parts = text.split(/ and (?=a value not |anything but )/);
  if (parts.length > 1) return parts.map((part) => operand(part, t)).join(t.and);
  const but = /^anything but (.*)$/s.exec(text);
  if (but) return fill(t.anythingBut, { value: operand(but[1]!, t) });
  const notAffix = /^a value not (starting|ending) with (.*)$/s.exec(text);
  if (notAffix) return fill(notAffix[1] === 'starting' ? t.notStartingWith : t.notEndingWith, { value: notAffix[2]! });
  const notWildcard = /^a value not matching the wildcard (.*)$/s.exec(text);
  if (notWildcard) return fill(t.notWildcard, { value: notWildcard[1]! });
  const caseless = /^(.*) \(ignoring case\)$/s.exec(text);
  if (caseless) return fill(t.ignoringCase, { value: operand(caseless[1]!, t) });
  const affix = /^a string (starting|ending) with (.*)$/s.exec(text);
  if (affix) return fill(affix[1] === 'starting' ? t.startingWith : t.endingWith, { value: affix[2]! });
  const wildcard = /^a string matching the wildcard (.*)$/s.exec(text);
  if (wildcard) return fill(t.wildcard, { value: wildcard[1]! });
  return text;
}

/** What the event pattern matcher says when a rule does not match (events/pattern/match.ts). */
const REASONS: Form[] = [
  [/^field is missing$/, (_, t) => t.missing],
  [/^field is an object, but the pattern expects a value here \(patterns match leaf values only\)$/, (_, t) => t.object],
  [/^field is an empty array$/, (_, t) => t.emptyArray],
  [/^field holds only objects, but the pattern expects values here$/, (_, t) => t.onlyObjects],
  [/^the event is not valid JSON$/, (_, t) => t.notJson],
  [/^no match$/, (_, t) => t.noMatch],
  [/^expected the field to be absent, got (.*)$/s, ([got], t) => fill(t.absent, { got: got! })],
  [/^expected one of (\[.*\]), got (.*)$/s, ([list, got], t) => fill(t.oneOf, { list: list!, got: got! })],
  [/^numeric: expected a number, got (.*)$/s, ([got], t) => fill(t.notNumber, { got: got! })],
  [/^numeric: (\S+) is not (\S+) (\S+)$/, ([value, op, bound], t) => fill(t.notInRange, { value: value!, op: op!, bound: bound! })],
  [/^expected (.*), got (.*)$/s, ([expected, got], t) => {
    const said = operand(expected!, t);
    // A value (`"eu-"`) stands apart from Chinese words by a space; a described operand needs none.
    return fill(/^\p{Script=Han}/u.test(said) ? t.expectedText : t.expected, { expected: said, got: got! });
  }],
  [/^no value in (\[.*\]) matched (.*)$/s, ([values, pattern], t) => fill(t.noValue, { values: values!, pattern: pattern! })],
  [/^no element of (.+?) matched; first element: (.*)$/s, ([path, reason], t, locale) => fill(t.noElement, { path: path!, reason: reasonText(reason!, t, locale) })],
  [/^no "\$or" alternative matched; first alternative: (.*)$/s, ([reason], t, locale) => fill(t.noAlternative, { reason: reasonText(reason!, t, locale) })],
  ...snsReasons(reasonText),
];

/** What a batch of queue or stream records did (lambda/event-source/poller.ts), after `N message(s) from ARN`. */
function batchText(n: number, source: string, rest: string, t: TraceStrings, locale: string | undefined): string {
  const batch = pluralIn(t.batch, n, locale, { source });
  if (rest === '') return batch;
  const partial = /^; (\d+) reported as failed stay in the queue$/.exec(rest);
  if (partial) return pluralIn(t.batchPartial, count(partial[1]!), locale, { batch });
  const reason = rest.replace(/^: /, '');
  if (reason === 'the function failed, so the batch returns to the queue when its visibility timeout ends') return fill(t.because, { detail: batch, reason: t.batchReturns });
  if (reason === 'the batchItemFailures answer named unknown messages, so the whole batch counts as failed') return fill(t.because, { detail: batch, reason: t.batchUnknown });
  return fill(t.because, { detail: batch, reason });
}

/** Rules, deliveries, invocations and destinations (events/put-events.ts, events/delivery.ts, lambda/runtime.ts), then SNS's (trace-sns.ts). */
const DETAILS: Form[] = [
  [/^(\d+) target\(s\)$/, ([n], t, locale) => pluralIn(t.targets, count(n!), locale)],
  [/^schedule (.+) fired$/s, ([expression], t) => fill(t.scheduleFired, { expression: expression! })],
  [
    /^(synchronous|asynchronous) invocation of version (\S+), attempt (\d+)(, cold start)?, (\d+(?:\.\d+)?) ms(?:: (.*))?$/s,
    ([how, version, attempt, cold, ms, error], t, locale) => {
      const duration = fill(t.milliseconds, { n: formatNumber(Number(ms), locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
      const detail = fill(t.invocation, {
        kind: how === 'synchronous' ? t.synchronous : t.asynchronous,
        version: version!,
        attempt: formatNumber(count(attempt!), locale),
        coldStart: cold ? t.coldStart : '',
        duration,
      });
      return error ? fill(t.because, { detail, reason: error }) : detail;
    },
  ],
  [
    /^(Success|Failure) after (\d+) attempt\(s\); the record (?:was sent to (\S+)|could not be sent to (\S+): (.*))$/s,
    ([condition, n, sentTo, failedTo, error], t, locale) => {
      const values = { condition: condition === 'Success' ? t.Success : t.Failure };
      return sentTo
        ? pluralIn(t.destinationSent, count(n!), locale, { ...values, destination: sentTo })
        : pluralIn(t.destinationFailed, count(n!), locale, { ...values, destination: failedTo!, error: error! });
    },
  ],
  [/^(\d+) message\(s\) from (\S+?)((?:: |; ).*)?$/s, ([n, source, rest], t, locale) => batchText(count(n!), source!, rest ?? '', t, locale)],
  [/^sent to the dead-letter queue after (.*)$/s, ([error], t, locale) => fill(t.deadLettered, { error: errorText(error!, t, locale) })],
  [/^the dead-letter queue could not take the event: (.*)$/s, ([error], t) => fill(t.deadLetterFailed, { error: error! })],
  [/^(.*) \(no dead-letter queue is configured\)$/s, ([error], t) => fill(t.noDeadLetterQueue, { error: error! })],
  ...snsDetails(errorText),
];

/** An error inside a detail: the emulator's own sentences in the page's language, AWS's messages as they came. */
function errorText(error: string, t: TraceStrings, locale: string | undefined): string {
  return say(SNS_ERRORS, error, t, locale);
}

/** `text` said again by the first form that reads it, or as it came when none does. */
export function say<T>(forms: Form<T>[], text: string, t: T, locale: string | undefined): string {
  for (const [pattern, render] of forms) {
    const found = pattern.exec(text);
    if (found) return render(found.slice(1), t, locale);
  }
  return text;
}

/** A trace entry's `detail` in the page's language (as it came when the sentence is not known). */
export function detailText(detail: string, t: TraceStrings, locale: string | undefined): string {
  return say(DETAILS, detail, t, locale);
}

/** Why a rule did not match, in the page's language. */
export function reasonText(reason: string, t: TraceStrings, locale: string | undefined): string {
  return say(REASONS, reason, t, locale);
}

/** An outcome (`delivered`, `function-error`) in the page's language; one the site does not know stays as it is. */
export function outcomeText(outcome: string | undefined, outcomes: Outcomes): string {
  if (!outcome) return '';
  return Object.hasOwn(outcomes, outcome) ? outcomes[outcome as keyof Outcomes] : outcome;
}
