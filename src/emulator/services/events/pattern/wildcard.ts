/**
 * Wildcard matching: `*` stands for any run of characters (including none), `\*` for a literal
 * star and `\\` for a backslash. A pattern compiles to its literal pieces between stars and is
 * matched greedily with indexOf, which is linear-ish and never backtracks like a regex would.
 *
 * EventBridge also refuses rules whose wildcards make matching expensive ("Rule is too complex").
 * Its exact measure is internal to its matching engine; we approximate it by the most wildcard
 * states one value can keep active at once, over all wildcard patterns on the same field.
 */
import { reject } from './pattern-error.ts';

/** A wildcard pattern split at its unescaped stars; one piece means no star at all. */
export type WildcardPieces = readonly string[];

/** More simultaneously active wildcards than this on one field is "too complex". */
export const WILDCARD_COMPLEXITY_LIMIT = 5;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

function utf8Length(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return length;
}

/** Splits a wildcard pattern into literal pieces, rejecting `**` and bad escapes as EventBridge does. */
export function parseWildcard(text: string, path: string): WildcardPieces {
  const pieces: string[] = [];
  let current = '';
  // Positions are byte offsets into the pattern as EventBridge sees it: the JSON string with its opening quote.
  const position = (index: number): number => utf8Length(text.slice(0, index)) + 1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '*') {
      if (text[index + 1] === '*') reject(`Consecutive wildcard characters at pos ${position(index)}`, path);
      pieces.push(current);
      current = '';
    } else if (char === '\\') {
      const next = text[index + 1];
      if (next !== '*' && next !== '\\') reject(`Invalid escape character at pos ${position(index)}`, path);
      current += next;
      index += 1;
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

/** True when `value` matches the pattern whose pieces are given. */
export function wildcardMatches(pieces: WildcardPieces, value: string): boolean {
  if (pieces.length === 1) return value === pieces[0];
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (let index = 1; index < pieces.length - 1; index += 1) {
    const piece = pieces[index]!;
    const found = value.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

/**
 * Rejects the wildcard patterns of one field when a single value could keep too many wildcard
 * states active. A value must start with a pattern's text before its first star to get past it,
 * so only patterns whose leading pieces are prefixes of one another can be active together;
 * patterns with the same leading piece share their first wildcard state.
 */
export function checkWildcardComplexity(patterns: readonly WildcardPieces[], path: string): void {
  const starred = patterns.filter((pieces) => pieces.length > 1);
  for (const anchor of starred) {
    const lead = anchor[0]!;
    const together = starred.filter((pieces) => lead.startsWith(pieces[0]!));
    const leadingStates = new Set(together.map((pieces) => pieces[0]!)).size;
    const laterStates = together.reduce((sum, pieces) => sum + pieces.length - 2, 0);
    if (leadingStates + laterStates > WILDCARD_COMPLEXITY_LIMIT) reject(TOO_COMPLEX, path);
  }
}
