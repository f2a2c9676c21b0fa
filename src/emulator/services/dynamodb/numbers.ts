/**
 * DynamoDB numbers: decimals of up to 38 significant digits between 1E-130 and 9.99...E+125,
 * kept as canonical strings and compared and added exactly (never through floating point).
 */
import { DynamoValidationException } from './errors.ts';

/** A decimal as `sign * digits * 10^exponent`, with no trailing zeros in `digits`. */
export interface Decimal {
  sign: -1 | 0 | 1;
  digits: bigint;
  exponent: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;

/** Builds a normalized decimal and checks DynamoDB's precision and range. */
function build(negative: boolean, digitText: string, exponent: number): Decimal {
  const trimmedLeft = digitText.replace(/^0+/, '');
  if (trimmedLeft === '') return { sign: 0, digits: 0n, exponent: 0 };
  const trimmed = trimmedLeft.replace(/0+$/, '');
  const scale = exponent + (trimmedLeft.length - trimmed.length);
  if (trimmed.length > MAX_DIGITS) throw new DynamoValidationException('Attempting to store more than 38 significant digits in a Number');
  const magnitude = trimmed.length - 1 + scale;
  if (magnitude > 125) throw new DynamoValidationException('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (magnitude < -130) throw new DynamoValidationException('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return { sign: negative ? -1 : 1, digits: BigInt(trimmed), exponent: scale };
}

/** Parses a DynamoDB number string; throws ValidationException as AWS does for bad or out-of-range numbers. */
export function parseNumber(text: string): Decimal {
  const match = typeof text === 'string' ? NUMBER.exec(text) : null;
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) {
    throw new DynamoValidationException('A value provided cannot be converted into a number');
  }
  const exponent = Number(match[4] ?? 0) - fraction.length;
  if (!Number.isSafeInteger(exponent)) throw new DynamoValidationException('A value provided cannot be converted into a number');
  return build(match[1] === '-', whole + fraction, exponent);
}

/** Writes a decimal the way DynamoDB returns numbers: plain notation, no redundant zeros. */
export function formatNumber(value: Decimal): string {
  if (value.sign === 0) return '0';
  const digits = value.digits.toString();
  let text: string;
  if (value.exponent >= 0) text = digits + '0'.repeat(value.exponent);
  else {
    const point = digits.length + value.exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return value.sign < 0 ? `-${text}` : text;
}

/** The canonical form of a number string (what GetItem returns after PutItem stored `text`). */
export function normalizeNumber(text: string): string {
  return formatNumber(parseNumber(text));
}

function scaled(value: Decimal, exponent: number): bigint {
  return BigInt(value.sign) * value.digits * 10n ** BigInt(value.exponent - exponent);
}

/** Compares two decimals: negative, zero or positive. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign - b.sign;
  if (a.sign === 0) return 0;
  const exponent = Math.min(a.exponent, b.exponent);
  const left = scaled(a, exponent);
  const right = scaled(b, exponent);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Compares two number strings numerically. */
export function compareNumbers(a: string, b: string): number {
  return compareDecimals(parseNumber(a), parseNumber(b));
}

/** `a + b` (or `a - b` when `subtract`), exactly, as a canonical number string. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const left = parseNumber(a);
  const right = parseNumber(b);
  const exponent = Math.min(left.exponent, right.exponent);
  const sum = scaled(left, exponent) + (subtract ? -1n : 1n) * scaled(right, exponent);
  const negative = sum < 0n;
  return formatNumber(build(negative, (negative ? -sum : sum).toString(), exponent));
}

/** How many significant digits a canonical number string has (for item sizes). */
export function significantDigits(text: string): number {
  return text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
}
