import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { protocolFor } from '../../src/emulator/router.ts';
import type { EmulatorRequest, ServiceDefinition } from '../../src/emulator/types.ts';

function request(overrides: Partial<EmulatorRequest>): EmulatorRequest {
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), ...overrides };
}

const SIGNED = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/toy/aws4_request, SignedHeaders=host, Signature=abc';

/** A JSON service that also takes the query protocol and writes flattened XML lists. */
const toy: ServiceDefinition = {
  name: 'toy',
  signingNames: ['toy'],
  protocol: 'json',
  alternateProtocols: ['query'],
  targetPrefix: 'Toy',
  jsonVersion: '1.0',
  xmlNamespace: 'urn:toy',
  xmlListStyle: 'flattened',
  createState: () => ({}),
  operations: { Echo: (input, context) => ({ Protocol: context.protocol, Item: ['a', 'b'], Name: input.Name }) },
};

const jsonOnly: ServiceDefinition = { ...toy, name: 'plain', signingNames: ['plain'], targetPrefix: 'Plain', alternateProtocols: undefined, operations: { Ping: () => ({}) } };

const form = (body: string, headers: Record<string, string> = {}): EmulatorRequest =>
  request({ headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: Buffer.from(body) });

describe('services that accept an alternate protocol', () => {
  const emulator = new Emulator({ services: [toy, jsonOnly] });

  it('decodes with the service protocol when X-Amz-Target is present', async () => {
    const answer = await emulator.handle(request({ headers: { 'x-amz-target': 'Toy.Echo', authorization: SIGNED }, body: Buffer.from('{"Name":"n"}') }));
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(String(answer.body))).toEqual({ Protocol: 'json', Item: ['a', 'b'], Name: 'n' });
  });

  it('decodes a form Action with the query protocol and writes the list style the service asks for', async () => {
    const answer = await emulator.handle(form('Action=Echo&Name=n', { authorization: SIGNED }));
    expect(answer.headers['content-type']).toBe('text/xml');
    expect(String(answer.body)).toContain('<EchoResult><Protocol>query</Protocol><Item>a</Item><Item>b</Item><Name>n</Name></EchoResult>');
    expect(String(answer.body)).toContain('<EchoResponse xmlns="urn:toy">');
  });

  it('routes a form Action whose signature names no service to a service that takes query as an alternate', async () => {
    const answer = await emulator.handle(form('Action=Echo', { authorization: 'AWS test:c2lnbmF0dXJl' }));
    expect(String(answer.body)).toContain('<Protocol>query</Protocol>');
  });

  it('answers query errors in XML for the alternate protocol', async () => {
    const answer = await emulator.handle(form('Action=Nope', { authorization: SIGNED }));
    expect(answer.status).toBe(400);
    expect(String(answer.body)).toContain('<Code>InvalidAction</Code>');
  });

  it('chooses the protocol from the request shape', () => {
    expect(protocolFor(toy, form('Action=Echo', { 'x-amz-target': 'Toy.Echo' }))).toBe('json');
    expect(protocolFor(toy, request({ method: 'GET', query: new URLSearchParams('Action=Echo') }))).toBe('query');
    expect(protocolFor(toy, request({ body: Buffer.from('{}') }))).toBe('json');
    expect(protocolFor(jsonOnly, form('Action=Ping'))).toBe('json');
  });

  it('passes the service protocol to in-process calls', async () => {
    expect(await emulator.call('toy', 'Echo', { Name: 'x' })).toMatchObject({ Protocol: 'json' });
  });
});
