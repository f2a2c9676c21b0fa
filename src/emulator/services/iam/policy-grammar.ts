/**
 * The first two passes IAM makes over a policy document, in the order AWS reports them: the
 * grammar ("Syntax errors in policy.": unknown members, wrong types, an Effect that is neither
 * Allow nor Deny in any case, Action beside NotAction) and the older parser's stricter reading
 * ("The policy failed legacy parsing": an Effect in the wrong case, a malformed ARN, a date that
 * is not one). Recorded AWS answers to CreatePolicy fix both the messages and their order.
 */
import { MalformedPolicyDocument } from './errors.ts';

/** One statement, once the grammar has accepted it. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** A policy document, once the grammar has accepted it. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement[];
}

const SYNTAX = 'Syntax errors in policy.';
const LEGACY = 'The policy failed legacy parsing';
/** The partitions an ARN in a policy may name. */
export const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const TOP_MEMBERS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_MEMBERS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VERSIONS = new Set(['2008-10-17', '2012-10-17']);
const OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
]);

/** True for a JSON object (not an array, not null). */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const syntax = (): never => {
  throw new MalformedPolicyDocument(SYNTAX);
};

/** The values of an Action, Resource or similar member as a list. */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Parses `text` and checks IAM's grammar; `invalidJson` is the message AWS gives for text that is not JSON. */
export function parsePolicy(text: string, invalidJson: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedPolicyDocument(invalidJson);
  }
  if (!isRecord(parsed)) syntax();
  const document = parsed as Record<string, unknown>;
  if (Object.keys(document).some((key) => !TOP_MEMBERS.has(key))) syntax();
  if (document.Version !== undefined && (typeof document.Version !== 'string' || !VERSIONS.has(document.Version))) syntax();
  if (document.Id !== undefined && typeof document.Id !== 'string') syntax();
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (statements.length === 0) syntax();
  for (const statement of statements) checkStatementSyntax(statement);
  return { ...(document as object), Statement: statements } as PolicyDocument;
}

function stringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

function checkStatementSyntax(statement: unknown): void {
  if (!isRecord(statement)) syntax();
  const s = statement as Record<string, unknown>;
  if (Object.keys(s).some((key) => !STATEMENT_MEMBERS.has(key))) syntax();
  if (s.Sid !== undefined && typeof s.Sid !== 'string') syntax();
  if (typeof s.Effect !== 'string' || !['allow', 'deny'].includes(s.Effect.toLowerCase())) syntax();
  for (const member of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (s[member] !== undefined && !stringOrStrings(s[member])) syntax();
  }
  if (s.Action !== undefined && s.NotAction !== undefined) syntax();
  if (s.Resource !== undefined && s.NotResource !== undefined) syntax();
  if (s.Condition !== undefined) checkConditionSyntax(s.Condition);
}

function checkConditionSyntax(condition: unknown): void {
  if (!isRecord(condition)) syntax();
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!isRecord(block)) syntax();
    const entries = Object.entries(block as Record<string, unknown>);
    // An operator IAM does not know is accepted while its block is empty, as AWS does.
    if (entries.length > 0 && !knownOperator(operator)) syntax();
    for (const [, value] of entries) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((item) => isRecord(item) || Array.isArray(item) || item === null)) syntax();
    }
  }
}

function knownOperator(operator: string): boolean {
  const match = /^(?:(?:ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/.exec(operator);
  if (!match) return false;
  return OPERATORS.has(match[1]!) && !(match[1] === 'Null' && match[2]);
}

/** The checks of IAM's older parser, made after the grammar and before any other rule. */
export function checkLegacyParsing(document: PolicyDocument): void {
  for (const statement of document.Statement) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw new MalformedPolicyDocument(LEGACY);
    for (const resource of [...listOf(statement.Resource), ...listOf(statement.NotResource)]) {
      const parts = resource.split(':');
      // Only an ARN of a known partition reaches the older parser; the others get the partition rule.
      if (parts[0] !== 'arn' || !PARTITIONS.has(parts[1] ?? '')) continue;
      // "arn:aws:fdsasf" passes and "arn:aws" is the vendor rule's; four or five parts, or an empty vendor, do not parse.
      if (parts.length === 4 || parts.length === 5 || (parts.length >= 3 && parts[2] === '')) throw new MalformedPolicyDocument(LEGACY);
    }
    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
      if (!/Date/.test(operator)) continue;
      for (const value of Object.values(block).flat()) {
        if (!isPolicyDate(String(value))) throw new MalformedPolicyDocument(LEGACY);
      }
    }
  }
}

// IAM takes epoch seconds or ISO 8601 dates; "01T" passes as AWS lets it, "2016-13" does not.
function isPolicyDate(value: string): boolean {
  if (/^\d+$/.test(value)) return BigInt(value) <= 9223372036854775807n;
  const match = /^(\d{1,4})?(?:-(\d{2}))?(?:-(\d{2}))?(?:[Tt](\d{1,2})?(?::(\d{2}))?(?::(\d{2}))?(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!match || value === '') return false;
  const [, , month, day, hour] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return false;
  if (hour !== undefined && Number(hour) > 23) return false;
  return true;
}
