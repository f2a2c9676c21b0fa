import { describe, expect, it } from 'vitest';
import { AwsError } from '../../src/emulator/errors.ts';
import { jsonCodec } from '../../src/emulator/protocols/json.ts';
import { queryCodec, unflattenParams } from '../../src/emulator/protocols/query.ts';
import { restJsonCodec } from '../../src/emulator/protocols/rest-json.ts';
import type { EmulatorRequest, ServiceDefinition } from '../../src/emulator/types.ts';

function request(overrides: Partial<EmulatorRequest>): EmulatorRequest {
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), ...overrides };
}

const noop = () => ({});

const jsonService: ServiceDefinition = {
  name: 'demo', signingNames: ['demo'], protocol: 'json', targetPrefix: 'Demo_2020', jsonVersion: '1.1',
  createState: () => ({}), operations: { PutThing: noop },
};
const queryService: ServiceDefinition = {
  name: 'q', signingNames: ['q'], protocol: 'query', xmlNamespace: 'https://q.example/doc/', createState: () => ({}), operations: { ListThings: noop },
};
const restService: ServiceDefinition = {
  name: 'r', signingNames: ['r'], protocol: 'rest-json', createState: () => ({}), operations: { GetThing: noop },
  routes: [{ method: 'GET', path: '/2020-01-01/things/{Name}', operation: 'GetThing', query: { Qualifier: 'Qualifier' } }],
};

/** The AwsError a decode throws. */
function decodeError(run: () => unknown): AwsError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error('decode did not throw');
}

describe('the JSON protocol', () => {
  it('decodes the operation from X-Amz-Target and the input from the body', () => {
    const decoded = jsonCodec.decode(request({ headers: { 'x-amz-target': 'Demo_2020.PutThing' }, body: Buffer.from('{"a":1}') }), jsonService);
    expect(decoded).toEqual({ operation: 'PutThing', input: { a: 1 } });
  });

  it('answers UnknownOperationException (400) for an operation the service lacks, including Object.prototype names', () => {
    for (const name of ['Nope', 'constructor', '__proto__', 'toString']) {
      const error = decodeError(() => jsonCodec.decode(request({ headers: { 'x-amz-target': `Demo_2020.${name}` } }), jsonService));
      expect(error.code, name).toBe('UnknownOperationException');
      expect(error.status).toBe(400);
    }
  });

  it('answers SerializationException (400) for a body that is not a JSON object', () => {
    for (const body of ['{not json', '[1,2]', '"text"']) {
      const error = decodeError(() => jsonCodec.decode(request({ headers: { 'x-amz-target': 'Demo_2020.PutThing' }, body: Buffer.from(body) }), jsonService));
      expect(error.code, body).toBe('SerializationException');
      expect(error.status).toBe(400);
    }
  });

  it('writes errors with __type and the JSON 1.1 content type', () => {
    const answer = jsonCodec.encodeError(new AwsError('ResourceNotFoundException', 'gone'), jsonService, 'req-1');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(String(answer.body))).toEqual({ __type: 'ResourceNotFoundException', message: 'gone' });
  });
});

describe('the query protocol', () => {
  it('unflattens member lists and numbered lists', () => {
    const params = new URLSearchParams('Action=TagRole&Version=2010-05-08&RoleName=r&Tags.member.1.Key=team&Tags.member.1.Value=shop&Tags.member.2.Key=env&Tags.member.2.Value=dev');
    expect(unflattenParams(params)).toEqual({ RoleName: 'r', Tags: [{ Key: 'team', Value: 'shop' }, { Key: 'env', Value: 'dev' }] });
    expect(unflattenParams(new URLSearchParams('Attribute.2.Name=b&Attribute.2.Value=2&Attribute.1.Name=a'))).toEqual({
      Attribute: [{ Name: 'a' }, { Name: 'b', Value: '2' }],
    });
  });

  it('answers InvalidAction (400) in an ErrorResponse document for an unknown Action', () => {
    for (const action of ['DeleteEverything', 'constructor']) {
      const error = decodeError(() => queryCodec.decode(request({ body: Buffer.from(`Action=${action}&Version=2020`) }), queryService));
      expect(error.code, action).toBe('InvalidAction');
      expect(error.status).toBe(400);
      const answer = queryCodec.encodeError(error, queryService, 'req-2');
      expect(answer.status).toBe(400);
      expect(String(answer.body)).toMatch(new RegExp(`<ErrorResponse xmlns="https://q.example/doc/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>[^<]*${action}`));
      expect(String(answer.body)).toContain('<RequestId>req-2</RequestId>');
    }
  });

  it('answers MissingParameter when Action is absent', () => {
    expect(decodeError(() => queryCodec.decode(request({ body: Buffer.from('Version=2020') }), queryService)).code).toBe('MissingParameter');
  });
});

describe('the REST-JSON protocol', () => {
  it('binds path labels and query parameters', () => {
    const decoded = restJsonCodec.decode(request({ method: 'GET', path: '/2020-01-01/things/my%20thing', query: new URLSearchParams('Qualifier=3') }), restService);
    expect(decoded).toEqual({ operation: 'GetThing', input: { Name: 'my thing', Qualifier: '3' } });
  });

  it('answers UnknownOperationException (404) for a route it does not know', () => {
    for (const [method, path] of [['GET', '/2020-01-01/nothing'], ['DELETE', '/2020-01-01/things/x']] as const) {
      const error = decodeError(() => restJsonCodec.decode(request({ method, path }), restService));
      expect(error.code).toBe('UnknownOperationException');
      expect(error.status).toBe(404);
      const answer = restJsonCodec.encodeError(error, restService, 'req-3');
      expect(answer.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    }
  });
});
