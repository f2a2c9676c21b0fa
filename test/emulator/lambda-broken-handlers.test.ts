import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import type { FunctionRuntimeConfig } from '../../src/emulator/services/lambda/execution/types.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { useEngine, type Invoked } from '../support/lambda-engine.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** One kind of broken function: its code, its settings, and what Lambda answers for it. */
interface BrokenCase {
  files: Record<string, string>;
  overrides?: Partial<FunctionRuntimeConfig>;
  check(result: Invoked): void;
  /** True when the environment must be gone afterwards, so the next invoke is a cold start. */
  replaced?: boolean;
}

function unhandled(result: Invoked, errorType: string, errorMessage: string | RegExp): void {
  expect(result.functionError).toBe('Unhandled');
  expect(result.body.errorType).toBe(errorType);
  if (typeof errorMessage === 'string') expect(result.body.errorMessage).toBe(errorMessage);
  else expect(result.body.errorMessage).toMatch(errorMessage);
}

const CASES: Record<string, BrokenCase> = {
  'an infinite loop (timeout)': {
    files: { 'index.mjs': 'export const handler = async () => { for (;;) {} };' },
    replaced: true,
    check(result) {
      expect(result.body).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds` });
      expect(result.log).toMatch(/\tStatus: timeout\t\n$/);
    },
  },
  'a memory blow-up beyond MemorySize': {
    files: { 'index.mjs': 'const kept = []; export const handler = async () => { for (;;) kept.push(Buffer.alloc(8 * 1024 * 1024, 1)); };' },
    replaced: true,
    check(result) {
      expect(result.body).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed` });
      expect(result.log).toMatch(/Max Memory Used: 128 MB\t.*Status: error\tError Type: Runtime.OutOfMemory/);
    },
  },
  'process.exit(1)': {
    files: { 'index.mjs': 'export const handler = async () => { process.exit(1); };' },
    replaced: true,
    check: (result) => unhandled(result, 'Runtime.ExitError', `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 1`),
  },
  'throwing a string': {
    files: { 'index.mjs': 'export const handler = async () => { throw "out of stock"; };' },
    check(result) {
      expect(result.body).toEqual({ errorType: 'string', errorMessage: 'out of stock', trace: [] });
      expect(result.log).toContain('\tERROR\tInvoke Error \t"out of stock"\n');
    },
  },
  'an unhandled promise rejection': {
    files: { 'index.mjs': 'export const handler = async () => { Promise.reject(new Error("lost")); await new Promise((r) => setTimeout(r, 100)); return "ok"; };' },
    replaced: true,
    check(result) {
      unhandled(result, 'Runtime.UnhandledPromiseRejection', 'Error: lost');
      expect(result.body.trace[0]).toBe('Runtime.UnhandledPromiseRejection: Error: lost');
    },
  },
  'a syntax error': {
    files: { 'index.mjs': 'export const handler = async () => { return ) };' },
    replaced: true,
    check: (result) => unhandled(result, 'Runtime.UserCodeSyntaxError', /^SyntaxError: Unexpected token/),
  },
  'a missing handler export': {
    files: { 'index.mjs': 'export const other = async () => 1;' },
    replaced: true,
    check: (result) => unhandled(result, 'Runtime.HandlerNotFound', 'index.handler is undefined or not exported'),
  },
  'a missing module file': {
    files: { 'main.mjs': 'export const handler = async () => 1;' },
    replaced: true,
    check(result) {
      unhandled(result, 'Runtime.ImportModuleError', /^Error: Cannot find module 'index'\nRequire stack:/);
      expect(result.log).toMatch(/INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError/);
    },
  },
  'a 7 MB response': {
    files: { 'index.mjs': 'export const handler = async () => "x".repeat(7 * 1024 * 1024);' },
    check: (result) => unhandled(result, 'Function.ResponseSizeTooLarge', 'Response payload size exceeded maximum allowed payload size (6291556 bytes).'),
  },
  '10 MB of logs': {
    files: { 'index.mjs': 'export const handler = async () => { const line = "y".repeat(1023); for (let i = 0; i < 10 * 1024; i++) console.log(line); return "logged"; };' },
    overrides: { timeoutSeconds: 20 },
    check(result) {
      expect(result.functionError).toBeUndefined();
      expect(result.body).toBe('logged');
      expect(Buffer.from(result.logResult!, 'base64').length).toBeLessThanOrEqual(4096);
      expect(result.log).toMatch(/REPORT RequestId/);
    },
  },
  'a callback never called, with an empty event loop': {
    files: { 'index.js': 'exports.handler = (event, context, callback) => {};' },
    check(result) {
      expect(result.functionError).toBeUndefined();
      expect(result.payload.toString()).toBe('null');
    },
  },
  'a callback called with an error': {
    files: { 'index.js': 'exports.handler = (event, context, callback) => { callback(new TypeError("bad order")); };' },
    check(result) {
      unhandled(result, 'TypeError', 'bad order');
      expect(result.body.trace[0]).toBe('TypeError: bad order');
    },
  },
  'a callback with a timer still pending (the event loop is not empty)': {
    files: { 'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => {}, 60_000); callback(null, "never sent"); };' },
    replaced: true,
    check: (result) => unhandled(result, 'Sandbox.Timedout', `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`),
  },
  'a pending timer with callbackWaitsForEmptyEventLoop = false': {
    files: { 'index.js': 'exports.handler = (event, context, callback) => { context.callbackWaitsForEmptyEventLoop = false; setInterval(() => {}, 1000); callback(null, "sent"); };' },
    check: (result) => expect(result.body).toBe('sent'),
  },
  'throwing during module init': {
    files: { 'index.js': 'throw new RangeError("missing TABLE_NAME");\nexports.handler = async () => 1;' },
    replaced: true,
    check(result) {
      unhandled(result, 'RangeError', 'missing TABLE_NAME');
      expect(result.log).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{"errorType":"RangeError"/);
    },
  },
  'an async handler whose promise never settles': {
    files: { 'index.mjs': 'export const handler = async () => new Promise(() => {});' },
    check: (result) => unhandled(result, 'Runtime.NodeJsExit', /Promise that was never settled/),
  },
  'a callback-style handler on nodejs24.x': {
    files: { 'index.js': 'exports.handler = (event, context, callback) => callback(null, 1);' },
    overrides: { runtime: 'nodejs24.x' },
    replaced: true,
    check: (result) => unhandled(result, 'Runtime.CallbackHandlerDeprecated', /removed support for callback-based function handlers starting with Node.js 24/),
  },
};

describe('broken handlers: each fails as Lambda reports it, and the emulator keeps serving', () => {
  const fx = useEngine();
  const healthy = () => fx.deploy('healthy', { 'index.mjs': 'export const handler = async (event) => ({ ok: event.n });' });

  for (const [name, broken] of Object.entries(CASES)) {
    it(name, async () => {
      const config = fx.deploy(name.replace(/\W+/g, '-').slice(0, 40), broken.files, { timeoutSeconds: 1, ...broken.overrides });
      const result = await fx.invoke(config);
      expect(result.requestId).toMatch(new RegExp(`^${UUID}$`));
      broken.check(result);
      expect(result.log).toContain(`END RequestId: ${result.requestId}\n`);
      if (broken.replaced) {
        // The environment is gone: the same function starts cold again and fails the same way.
        const again = await fx.invoke(config);
        expect(again.log).toContain('Init Duration');
        expect(again.body?.errorType ?? again.payload.toString()).toBe(result.body?.errorType ?? result.payload.toString());
      }
      expect((await fx.invoke(healthy(), { n: 1 })).body).toEqual({ ok: 1 });
    });
  }
});

describe('broken handlers through the SDK', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });

  it('answers Invoke with FunctionError Unhandled and the error payload, then serves the next call', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'crashes', { Timeout: 1, files: { 'index.mjs': 'export const handler = async (event) => { if (event.crash) process.exit(3); return "fine"; };' } });
    const crashed = await lambda.send(new InvokeCommand({ FunctionName: 'crashes', Payload: Buffer.from('{"crash":true}'), LogType: 'Tail' }));
    expect(crashed.StatusCode).toBe(200);
    expect(crashed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(crashed.Payload!).toString())).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${crashed.$metadata.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(Buffer.from(crashed.LogResult!, 'base64').toString()).toContain('Error Type: Runtime.ExitError');
    const fine = await lambda.send(new InvokeCommand({ FunctionName: 'crashes', Payload: Buffer.from('{}') }));
    expect(fine.FunctionError).toBeUndefined();
    expect(Buffer.from(fine.Payload!).toString()).toBe('"fine"');
  });
});
