/**
 * The JSON types of an operation's members, checked before the operation reads them: a client
 * that sends a list where a string belongs gets AWS's SerializationException, never a crash.
 * Secrets Manager uses the same check. The model layer (validation/) checks lengths, ranges and
 * patterns; this checks only what it leaves out, the types.
 */
import { SerializationException } from '../../errors.ts';

/** What a member must hold on the wire. */
export type MemberKind = 'string' | 'boolean' | 'number' | 'strings' | 'tags' | 'filters';

/** The member kinds of each operation. */
export type InputKinds = Record<string, Record<string, MemberKind>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');

function fits(value: unknown, kind: MemberKind): boolean {
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'strings': return isStrings(value);
    case 'tags': return Array.isArray(value) && value.every((tag) => isRecord(tag) && typeof tag.Key === 'string' && typeof tag.Value === 'string');
    case 'filters': return Array.isArray(value) && value.every((filter) => isRecord(filter) && typeof filter.Key === 'string' && (filter.Values === undefined || isStrings(filter.Values)) && (filter.Option === undefined || typeof filter.Option === 'string'));
  }
}

/** Throws SerializationException when a member present in `input` is not of its kind. */
export function checkKinds(operation: string, input: Record<string, unknown>, kinds: InputKinds): void {
  const members = kinds[operation];
  if (!members) return;
  for (const [member, kind] of Object.entries(members)) {
    const value = input[member];
    if (value === undefined || value === null || fits(value, kind)) continue;
    const found = Array.isArray(value) ? 'Start of list' : isRecord(value) ? 'Start of structure or map' : 'Value';
    throw new SerializationException(`${found} found where not expected: ${member} must be ${kind === 'strings' ? 'a list of strings' : kind === 'tags' ? 'a list of tags' : kind === 'filters' ? 'a list of filters' : `a ${kind}`}.`);
  }
}

/** Wraps an operation table so every operation checks its members' kinds first. */
export function withKinds<T extends Record<string, (input: any, context: any) => unknown>>(operations: T, kinds: InputKinds): T {
  return Object.fromEntries(
    Object.entries(operations).map(([name, run]) => [name, (input: Record<string, unknown>, context: unknown) => {
      checkKinds(name, input, kinds);
      return run(input, context);
    }]),
  ) as T;
}
