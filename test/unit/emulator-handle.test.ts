import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_HEADER } from '../../src/core/probe.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { EMULATOR_VERSION } from '../../src/emulator/identity.ts';
import { defaultServices } from '../../src/emulator/services/index.ts';
import type { EmulatorRequest, EmulatorResponse } from '../../src/emulator/types.ts';

function request(overrides: Partial<EmulatorRequest>): EmulatorRequest {
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), ...overrides };
}

const SIGNED_LOGS = 'AWS4-HMAC-SHA256 Credential=123456789012/20240101/eu-west-1/logs/aws4_request, SignedHeaders=host, Signature=abc';

function logsCall(operation: string, body: unknown): EmulatorRequest {
  return request({
    headers: { 'x-amz-target': `Logs_20140328.${operation}`, 'content-type': 'application/x-amz-json-1.1', authorization: SIGNED_LOGS },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  });
}

const parse = (answer: EmulatorResponse): any => JSON.parse(String(answer.body));

describe('Emulator.handle() in-process, without a socket', () => {
  const logged: string[] = [];
  const emulator = new Emulator({ services: defaultServices(), log: (message) => logged.push(message) });
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('runs an operation for the account and region of the signature', async () => {
    const created = await emulator.handle(logsCall('CreateLogGroup', { logGroupName: 'in-process' }));
    expect(created.status).toBe(200);
    expect(created.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const listed = parse(await emulator.handle(logsCall('DescribeLogGroups', {})));
    expect(listed.logGroups[0].arn).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:in-process:*');
  });

  it('answers a query-protocol call in XML', async () => {
    const answer = await emulator.handle(request({
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: SIGNED_LOGS.replace('/logs/', '/sts/') },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    }));
    expect(answer.status).toBe(200);
    expect(String(answer.body)).toContain('<Account>123456789012</Account>');
  });

  it('answers client mistakes with 4xx AWS errors, never a 500', async () => {
    const cases: Array<[EmulatorRequest, string]> = [
      [logsCall('NoSuchOperation', {}), 'UnknownOperationException'],
      [logsCall('__proto__', {}), 'UnknownOperationException'],
      [logsCall('constructor', {}), 'UnknownOperationException'],
      [logsCall('CreateLogGroup', '{broken'), 'SerializationException'],
      [logsCall('CreateLogGroup', '[]'), 'SerializationException'],
      [logsCall('CreateLogGroup', { logGroupName: 42 }), 'InvalidParameterException'],
      [logsCall('PutLogEvents', { logGroupName: 'in-process', logStreamName: 's', logEvents: 'nope' }), 'InvalidParameterException'],
      [logsCall('PutLogEvents', { logGroupName: 'in-process', logStreamName: 's', logEvents: [null, 5] }), 'InvalidParameterException'],
      [logsCall('GetLogEvents', { logGroupName: 'in-process', logStreamName: 's', limit: 'ten' }), 'InvalidParameterException'],
      [logsCall('FilterLogEvents', { logGroupName: 'in-process', filterPattern: 7 }), 'InvalidParameterException'],
      [logsCall('TagResource', { resourceArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:in-process', tags: 'x' }), 'InvalidParameterException'],
    ];
    for (const [call, code] of cases) {
      const answer = await emulator.handle(call);
      expect(answer.status, String(call.body)).toBe(400);
      expect(parse(answer).__type, String(call.body)).toBe(code);
    }
    expect(logged.filter((line) => line.includes('failed on a request'))).toEqual([]);
  });

  it('rejects unknown operations called in-process too', async () => {
    await expect(emulator.call('logs', 'toString', {})).rejects.toMatchObject({ code: 'UnknownOperationException' });
    await expect(emulator.call('nothing', 'X', {})).rejects.toMatchObject({ code: 'InternalFailure' });
  });
});

describe('the health route', () => {
  const emulator = new Emulator({ services: defaultServices() });

  it("answers LocalStack's shape and names itself in a header", async () => {
    const answer = await emulator.handle(request({ method: 'GET', path: '/_localstack/health' }));
    expect(answer.status).toBe(200);
    expect(answer.headers[EMULATOR_HEADER]).toBe(EMULATOR_VERSION);
    const body = parse(answer);
    expect(body).toMatchObject({ edition: 'community', version: expect.stringContaining(EMULATOR_VERSION) });
    expect(body.services).toMatchObject({ sts: 'running', iam: 'running', logs: 'running' });
    expect(Object.values(body.services).every((state) => state === 'running')).toBe(true);
  });

  it('answers an unknown non-AWS path with a 4xx, never a 500', async () => {
    for (const [method, path] of [['GET', '/favicon.ico'], ['GET', '/no/such/thing'], ['POST', '/_localstack/health'], ['DELETE', '/']]) {
      const answer = await emulator.handle(request({ method, path }));
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
    }
  });
});
