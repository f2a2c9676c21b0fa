/**
 * Walks every emulated operation in the constraint table and, for each top-level member and each
 * kind of constraint it has (length, range, pattern, enum; required through the members left
 * out), sends a request that breaks it through the real SDK client, then asserts the exact error
 * code, status and message. The expected message is derived here, apart from the validator: the
 * broken member's failures, and "Member must not be null" for every other required member, in
 * model order, at most ten.
 */
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as iam from '@aws-sdk/client-iam';
import * as lambda from '@aws-sdk/client-lambda';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as sts from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { createLambdaService } from '../../src/emulator/services/lambda/service.ts';
import { CONSTRAINTS, type Shape } from '../../src/emulator/validation/table.ts';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';

const MODULES: Record<string, { module: Record<string, unknown>; client: keyof EmulatorFixture['clients'] }> = {
  dynamodb: { module: dynamodb, client: 'dynamodb' },
  lambda: { module: lambda, client: 'lambda' },
  events: { module: eventbridge, client: 'eventbridge' },
  logs: { module: logs, client: 'logs' },
  iam: { module: iam, client: 'iam' },
  sts: { module: sts, client: 'sts' },
};

/** Valid values for Lambda's path members, which the SDK needs to build the URL. */
const LAMBDA_PATH: Record<string, string> = {
  FunctionName: 'walk-fn',
  Name: 'walk-alias',
  UUID: '6e2b1c0a-0000-4000-8000-000000000000',
  Resource: 'arn:aws:lambda:us-east-1:000000000000:function:walk-fn',
  StatementId: 'walk-statement',
};

/** Members the SDK consumes itself (EventBridge's EndpointId picks a global endpoint before any request is sent). */
const CLIENT_SIDE = new Set(['events.PutEvents.EndpointId']);

/**
 * What Lambda's routes put into an operation's input: with a raw payload, only the URL's and
 * headers' members (and the payload itself, always present) reach the validator.
 */
const LAMBDA_ROUTES = new Map((createLambdaService().routes ?? []).map((route) => [route.operation, route]));
function lambdaCarries(operation: string, member: string): boolean {
  const route = LAMBDA_ROUTES.get(operation);
  if (!route?.payload) return true;
  return route.path.includes(`{${member}}`) || Object.values(route.query ?? {}).includes(member) || Object.values(route.headers ?? {}).includes(member);
}

/** Candidate values that break a pattern; none holds '/' (a path separator for Lambda's URLs). */
const PATTERN_BREAKERS = ['bad value!', 'bad*value', '\u0001', '!', '日本', 'x'.repeat(3), '0', 'a:b'];

interface Case {
  operation: string;
  member: string;
  kind: string;
  value: string | number;
}

function casesFor(shape: Shape): Array<{ kind: string; value: string | number }> {
  const out: Array<{ kind: string; value: string | number }> = [];
  if (shape.t === 'number') {
    if (shape.min !== undefined) out.push({ kind: 'min value', value: shape.min - 1 });
    if (shape.max !== undefined) out.push({ kind: 'max value', value: shape.max + 1 });
  }
  if (shape.t !== 'string') return out;
  // Lengths past a few thousand characters only slow the walk; the check does not depend on size.
  if (shape.min !== undefined && shape.min > 1) out.push({ kind: 'min length', value: 'a'.repeat(shape.min - 1) });
  if (shape.max !== undefined && shape.max <= 4096) out.push({ kind: 'max length', value: 'a'.repeat(shape.max + 1) });
  if (shape.pattern !== undefined) {
    const pattern = new RegExp(`^(?:${shape.pattern})$`, 'u');
    const breaker = PATTERN_BREAKERS.find((candidate) => !pattern.test(candidate) && (shape.max === undefined || candidate.length <= shape.max) && candidate.length >= (shape.min ?? 0));
    if (breaker !== undefined) out.push({ kind: 'pattern', value: breaker });
  }
  if (shape.enum) out.push({ kind: 'enum', value: 'NotAnAwsValue' });
  return out;
}

/** The failures of one scalar value, worded and ordered as the layer promises. */
function failures(shape: Shape, path: string, value: string | number): string[] {
  const at = `Value${shape.hide ? '' : ` '${value}'`} at '${path}' failed to satisfy constraint: `;
  const out: string[] = [];
  if (shape.t === 'number') {
    if (shape.min !== undefined && Number(value) < shape.min) out.push(`${at}Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && Number(value) > shape.max) out.push(`${at}Member must have value less than or equal to ${shape.max}`);
    return out;
  }
  const text = String(value);
  if (shape.min !== undefined && text.length < shape.min) out.push(`${at}Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && text.length > shape.max) out.push(`${at}Member must have length less than or equal to ${shape.max}`);
  if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`, 'u').test(text)) out.push(`${at}Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum && !shape.enum.includes(text)) out.push(`${at}Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

for (const [service, { module, client }] of Object.entries(MODULES)) {
  const table = CONSTRAINTS.services[service]!;
  describe(`${service}: every constrained member of every emulated operation, through the SDK`, () => {
    const emulator = useEmulator();
    const cases: Case[] = [];
    for (const [operation, input] of Object.entries(table.operations)) {
      if (!input) continue;
      for (const [member, shapeName] of table.shapes[input]!.members ?? []) {
        const shape = shapeName ? table.shapes[shapeName] : undefined;
        if (!shape || CLIENT_SIDE.has(`${service}.${operation}.${member}`)) continue;
        if (service === 'lambda' && !lambdaCarries(operation, member)) continue;
        for (const broken of casesFor(shape)) cases.push({ operation, member, ...broken });
      }
    }

    it('has cases to walk', () => {
      expect(cases.length).toBeGreaterThan(10);
    });

    it.each(cases)('$operation $member breaks $kind', async ({ operation, member, value }) => {
      const structure = table.shapes[table.operations[operation]!]!;
      const sent: Record<string, unknown> = { [member]: value };
      if (service === 'lambda') {
        for (const [name] of structure.members ?? []) if (name !== member && LAMBDA_PATH[name] && isPathMember(operation, name)) sent[name] = LAMBDA_PATH[name];
      }
      const expected: string[] = [];
      for (const [name, shapeName, required] of structure.members ?? []) {
        const path = lowerFirst(name);
        if (name === member) expected.push(...failures(table.shapes[shapeName!]!, path, value));
        else if (sent[name] === undefined && required && !(service === 'lambda' && LAMBDA_ROUTES.get(operation)?.payload === name)) expected.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      }
      const listed = expected.slice(0, 10);
      const Command = module[`${operation}Command`] as new (input: unknown) => never;
      const answer = await (emulator.clients[client] as { send(command: unknown): Promise<unknown> }).send(new Command(sent)).then(
        () => undefined,
        (error: { name: string; message: string; $metadata: { httpStatusCode?: number } }) => error,
      );
      expect(answer, `${operation} with ${member}=${JSON.stringify(value)}`).toMatchObject({
        name: table.code,
        message: `${listed.length} validation error${listed.length > 1 ? 's' : ''} detected: ${listed.join('; ')}`,
        $metadata: { httpStatusCode: 400 },
      });
    });
  });
}

/** Lambda operations whose URL holds the member (all but the list operations, which take it from the query string). */
function isPathMember(operation: string, member: string): boolean {
  if (member === 'FunctionName') return !['ListEventSourceMappings', 'CreateEventSourceMapping'].includes(operation);
  return true;
}
