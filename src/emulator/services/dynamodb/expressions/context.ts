/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request: validated once,
 * shared by all its expressions, and checked at the end for placeholders no expression used.
 */
import { SerializationException, isAwsError } from '../../../errors.ts';
import { checkAttributeValue, NestingLevelsExceeded, type AttributeValue } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';

const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

/** The request members the context reads. */
export interface PlaceholderInput {
  ExpressionAttributeNames?: unknown;
  ExpressionAttributeValues?: unknown;
}

function asMap(raw: unknown, member: string): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SerializationException(`${member} must be a map`);
  if (Object.keys(raw).length === 0) throw new DynamoValidationException(`${member} must not be empty`);
  return raw as Record<string, unknown>;
}

/** Placeholders of one request and which of them the expressions used. */
export class ExpressionContext {
  readonly names: ReadonlyMap<string, string>;
  readonly values: ReadonlyMap<string, AttributeValue>;
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();

  /** Validates the maps; `hasExpressions` says whether the request carries any expression at all. */
  constructor(input: PlaceholderInput, hasExpressions: boolean) {
    const names = asMap(input.ExpressionAttributeNames, 'ExpressionAttributeNames');
    const values = asMap(input.ExpressionAttributeValues, 'ExpressionAttributeValues');
    if (!hasExpressions && names) throw new DynamoValidationException('ExpressionAttributeNames can only be specified when using expressions');
    if (!hasExpressions && values) throw new DynamoValidationException('ExpressionAttributeValues can only be specified when using expressions');
    const nameMap = new Map<string, string>();
    for (const [key, name] of Object.entries(names ?? {})) {
      if (!NAME_KEY.test(key)) throw new DynamoValidationException(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
      if (typeof name !== 'string') throw new SerializationException(`ExpressionAttributeNames value for ${key} must be a string`);
      if (name === '') throw new DynamoValidationException(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
      nameMap.set(key, name);
    }
    const valueMap = new Map<string, AttributeValue>();
    for (const [key, value] of Object.entries(values ?? {})) {
      if (!VALUE_KEY.test(key)) throw new DynamoValidationException(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      try {
        valueMap.set(key, checkAttributeValue(value));
      } catch (error) {
        // DynamoDB answers a too-deep value with the same message wherever the value sits.
        if (isAwsError(error) && error.code === 'ValidationException' && !(error instanceof NestingLevelsExceeded)) {
          throw new DynamoValidationException(`ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`);
        }
        throw error;
      }
    }
    this.names = nameMap;
    this.values = valueMap;
  }

  /** The attribute name behind `#placeholder` (marked used), or `undefined` when it is not defined. */
  name(placeholder: string): string | undefined {
    const name = this.names.get(placeholder);
    if (name !== undefined) this.usedNames.add(placeholder);
    return name;
  }

  /** The value behind `:placeholder` (marked used), or `undefined` when it is not defined. */
  value(placeholder: string): AttributeValue | undefined {
    const value = this.values.get(placeholder);
    if (value !== undefined) this.usedValues.add(placeholder);
    return value;
  }

  /** Throws when a placeholder was given but no expression used it, as AWS does. */
  checkAllUsed(): void {
    const unusedNames = [...this.names.keys()].filter((key) => !this.usedNames.has(key));
    if (unusedNames.length > 0) throw new DynamoValidationException(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = [...this.values.keys()].filter((key) => !this.usedValues.has(key));
    if (unusedValues.length > 0) throw new DynamoValidationException(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}
