import { describe, expect, it } from 'vitest';
import { ServiceRouter, accountForKey, identifyCaller } from '../../src/emulator/router.ts';
import type { EmulatorRequest, ServiceDefinition } from '../../src/emulator/types.ts';

function request(overrides: Partial<EmulatorRequest>): EmulatorRequest {
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), ...overrides };
}

function signed(accessKeyId: string, region: string, service: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20240101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123`;
}

const service = (overrides: Partial<ServiceDefinition>): ServiceDefinition => ({
  name: 'x', signingNames: [], protocol: 'json', createState: () => ({}), operations: {}, ...overrides,
});

const logs = service({ name: 'logs', signingNames: ['logs'], targetPrefix: 'Logs_20140328' });
const lambda = service({
  name: 'lambda', signingNames: ['lambda'], protocol: 'rest-json',
  routes: [{ method: 'GET', path: '/2015-03-31/functions/{FunctionName}', operation: 'GetFunction' }],
});
const iam = service({ name: 'iam', signingNames: ['iam'], protocol: 'query', operations: { GetRole: () => ({}) } });
const router = new ServiceRouter([logs, lambda, iam]);

describe('the service router', () => {
  it('lets X-Amz-Target win over the credential scope', () => {
    const chosen = router.route(request({ headers: { 'x-amz-target': 'Logs_20140328.PutLogEvents', authorization: signed('test', 'us-east-1', 'lambda') } }));
    expect(chosen?.name).toBe('logs');
  });

  it('lets the credential scope win over the path', () => {
    const chosen = router.route(request({ method: 'GET', path: '/2015-03-31/functions/f', headers: { authorization: signed('test', 'us-east-1', 'iam') } }));
    expect(chosen?.name).toBe('iam');
  });

  it('falls back to the path, then to an unsigned query Action', () => {
    expect(router.route(request({ method: 'GET', path: '/2015-03-31/functions/f' }))?.name).toBe('lambda');
    const form = request({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('Action=GetRole&RoleName=r') });
    expect(router.route(form)?.name).toBe('iam');
    expect(router.route(request({ method: 'GET', path: '/nothing' }))).toBeUndefined();
  });

  it('reads the scope of a presigned URL from the query string', () => {
    const query = new URLSearchParams({ 'X-Amz-Credential': '210987654321/20240101/eu-west-1/logs/aws4_request', 'X-Amz-Signature': 'abc' });
    expect(router.route(request({ method: 'GET', path: '/anything', query }))?.name).toBe('logs');
    expect(identifyCaller(request({ query }))).toEqual({ account: '210987654321', region: 'eu-west-1', accessKeyId: '210987654321' });
  });
});

describe('who is calling', () => {
  it('uses a 12-digit access key id as the account, and the default account for any other key', () => {
    expect(identifyCaller(request({ headers: { authorization: signed('123456789012', 'eu-central-1', 'logs') } }))).toEqual({
      account: '123456789012', region: 'eu-central-1', accessKeyId: '123456789012',
    });
    expect(identifyCaller(request({ headers: { authorization: signed('test', 'us-west-2', 'logs') } })).account).toBe('000000000000');
    expect(accountForKey('AKIAIOSFODNN7EXAMPLE')).toBe('000000000000');
    expect(accountForKey('1234567890123')).toBe('000000000000');
    expect(accountForKey(undefined)).toBe('000000000000');
  });

  it('answers unsigned requests as the default account in us-east-1', () => {
    expect(identifyCaller(request({}))).toEqual({ account: '000000000000', region: 'us-east-1', accessKeyId: undefined });
  });
});
