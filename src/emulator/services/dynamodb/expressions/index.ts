/**
 * The expressions of one request, parsed together: they share the request's placeholders, and
 * a placeholder that none of them uses is an error, as on DynamoDB.
 */
import { SerializationException } from '../../../errors.ts';
import type { ConditionNode, PathNode, UpdateNode } from './ast.ts';
import { ExpressionContext } from './context.ts';
import { parseCondition, parseProjection, type ExpressionKind } from './parser.ts';
import { parseUpdate } from './update-parser.ts';

/** The parsed expressions of a request; members it did not carry are absent. */
export interface ParsedExpressions {
  update?: UpdateNode;
  condition?: ConditionNode;
  keyCondition?: ConditionNode;
  filter?: ConditionNode;
  projection?: PathNode[];
}

function text(input: Record<string, unknown>, member: ExpressionKind): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SerializationException(`${member} must be a string`);
  return value;
}

/** Parses the listed expression members of `input` and checks that every placeholder was used. */
export function parseExpressions(input: Record<string, unknown>, members: ExpressionKind[]): ParsedExpressions {
  const sources = new Map<ExpressionKind, string>();
  for (const member of members) {
    const source = text(input, member);
    if (source !== undefined) sources.set(member, source);
  }
  const context = new ExpressionContext(input, sources.size > 0);
  const parsed: ParsedExpressions = {};
  for (const [member, source] of sources) {
    if (member === 'UpdateExpression') parsed.update = parseUpdate(source, context);
    else if (member === 'ProjectionExpression') parsed.projection = parseProjection(source, context);
    else if (member === 'ConditionExpression') parsed.condition = parseCondition(source, member, context);
    else if (member === 'KeyConditionExpression') parsed.keyCondition = parseCondition(source, member, context);
    else parsed.filter = parseCondition(source, member, context);
  }
  context.checkAllUsed();
  return parsed;
}

export { ExpressionContext } from './context.ts';
export type { ExpressionKind } from './parser.ts';
