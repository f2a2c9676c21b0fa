/**
 * Space-delimited filter patterns: `[ip, user, ..., status = 4*, bytes > 1000]`. The event is split
 * on spaces; text in double quotes or square brackets is one field. `...` stands for any number
 * of fields; without it the pattern must name every field.
 */
import { FilterPatternError, compareValue, isOperator, readQuoted, tokenize, type Literal, type Operator, type Token } from './filter-pattern-lexer.ts';

interface Condition {
  op: Operator;
  literal: Literal;
}

/** One slot of the pattern: `...`, or a named field with conditions joined by && (within || groups). */
type Slot = { any: true } | { any: false; name: string; groups: Condition[][] };

/** Splits an event into fields, keeping quoted and bracketed text whole (without the quotes or brackets). */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  let index = 0;
  while (index < message.length) {
    const char = message[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '"') {
      try {
        const quoted = readQuoted(message, index);
        fields.push(quoted.text);
        index = quoted.end;
        continue;
      } catch {
        // An unmatched quote is an ordinary character.
      }
    }
    if (char === '[') {
      const close = message.indexOf(']', index + 1);
      if (close > 0) {
        fields.push(message.slice(index + 1, close));
        index = close + 1;
        continue;
      }
    }
    let end = index;
    while (end < message.length && !/\s/.test(message[end]!)) end += 1;
    fields.push(message.slice(index, end));
    index = end;
  }
  return fields;
}

function parseSlots(tokens: Token[]): Slot[] {
  let position = 0;
  const next = (): Token => {
    const token = tokens[position];
    if (!token) throw new FilterPatternError('Invalid filter pattern: it ends too early');
    position += 1;
    return token;
  };
  const condition = (name: string): Condition => {
    let token = next();
    if (token.kind === 'word' && token.text === name) token = next();
    if (token.kind !== 'op' || !isOperator(token.text)) throw new FilterPatternError(`Invalid filter pattern: expected an operator for ${name}, got ${token.text}`);
    const value = next();
    if (value.kind !== 'word' && value.kind !== 'string') throw new FilterPatternError(`Invalid filter pattern: expected a value for ${name}`);
    const parsed: Condition = { op: token.text, literal: { text: value.text, quoted: value.kind === 'string' } };
    compareValue('0', parsed.op, parsed.literal);
    return parsed;
  };
  if (next().text !== '[') throw new FilterPatternError('Invalid filter pattern: expected [');
  // AWS accepts `[]` (a subscription filter keeps it as given); it names no field, so any event passes.
  if (tokens[position]?.text === ']' && tokens.length === 2) return [{ any: true }];
  const slots: Slot[] = [];
  for (;;) {
    const name = next();
    if (name.kind !== 'word') throw new FilterPatternError(`Invalid filter pattern: expected a field name, got ${name.text}`);
    if (name.text === '...') {
      slots.push({ any: true });
    } else {
      const groups: Condition[][] = [];
      if (tokens[position]?.kind === 'op') {
        let group = [condition(name.text)];
        while (tokens[position]?.text === '&&' || tokens[position]?.text === '||') {
          const joiner = next().text;
          if (joiner === '||') {
            groups.push(group);
            group = [];
          }
          group.push(condition(name.text));
        }
        groups.push(group);
      }
      slots.push({ any: false, name: name.text, groups });
    }
    const separator = next();
    if (separator.text === ']') break;
    if (separator.text !== ',') throw new FilterPatternError(`Invalid filter pattern: expected , or ], got ${separator.text}`);
  }
  if (position < tokens.length) throw new FilterPatternError(`Invalid filter pattern: unexpected ${tokens[position]!.text} after ]`);
  return slots;
}

function slotMatches(slot: Slot & { any: false }, field: string): boolean {
  if (slot.groups.length === 0) return true;
  return slot.groups.some((group) => group.every((condition) => compareValue(field, condition.op, condition.literal)));
}

function matchFrom(slots: Slot[], fields: string[], slotIndex: number, fieldIndex: number): boolean {
  if (slotIndex === slots.length) return fieldIndex === fields.length;
  const slot = slots[slotIndex]!;
  if (slot.any) {
    for (let skip = fieldIndex; skip <= fields.length; skip += 1) {
      if (matchFrom(slots, fields, slotIndex + 1, skip)) return true;
    }
    return false;
  }
  if (fieldIndex >= fields.length || !slotMatches(slot, fields[fieldIndex]!)) return false;
  return matchFrom(slots, fields, slotIndex + 1, fieldIndex + 1);
}

/** Compiles a space-delimited filter pattern (starting with `[`) into a test of one log message. */
export function compileDelimitedPattern(pattern: string): (message: string) => boolean {
  const slots = parseSlots(tokenize(pattern));
  return (message) => matchFrom(slots, splitFields(message), 0, 0);
}
