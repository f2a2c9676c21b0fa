/**
 * The page's loopback network (src/browser/net/), run in Node.js next to the real thing: a
 * listener served by the page's `http.createServer` sees the request a node:http server sees and
 * its answer reaches fetch the same way; a closed port, another host and an aborted fetch fail as
 * Node's fetch fails.
 */
import * as nodeHttp from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse } from '../../src/browser/shims/http.ts';
import { localFetch } from '../../src/browser/net/local-fetch.ts';
import { answerLocal } from '../../src/browser/net/local-network.ts';

const pageFetch = localFetch(answerLocal);
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** What a listener saw, and a listener that records it and answers with a JSON body. */
function recorder() {
  const seen: unknown[] = [];
  const listener = async (request: IncomingMessage | nodeHttp.IncomingMessage, response: ServerResponse | nodeHttp.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { host: _host, connection: _connection, 'user-agent': _agent, 'accept-language': _language, 'sec-fetch-mode': _mode, 'accept-encoding': _encoding, ...headers } = request.headers;
    seen.push({ method: request.method, url: request.url, headers, body: Buffer.concat(chunks).toString('utf8') });
    response.setHeader('x-served', 'yes');
    (response as nodeHttp.ServerResponse).writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  };
  return { seen, listener };
}

async function nodeServer(listener: (request: nodeHttp.IncomingMessage, response: nodeHttp.ServerResponse) => void): Promise<string> {
  const server = nodeHttp.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function pageServer(listener: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await call.then(() => undefined, (caught: unknown) => caught as Error & { cause?: Record<string, unknown> });
  if (!error) throw new Error('the fetch did not fail');
  const cause = error.cause ?? {};
  return { name: error.name, message: error.message, cause: { message: cause.message, code: cause.code, errno: cause.errno, syscall: cause.syscall, address: cause.address } };
}

/** A port of 127.0.0.1 nothing listens on, found by Node (then its number on the page's network too, while no page server holds it). */
async function closedPort(): Promise<number> {
  const server = nodeHttp.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the page's loopback network", () => {
  it('gives a listener the request node:http gives it, and fetch the answer Node gives', async () => {
    const node = recorder();
    const page = recorder();
    const [nodeUrl, pageUrl] = await Promise.all([nodeServer(node.listener), pageServer(page.listener)]);
    const send = (fetcher: typeof fetch, url: string) => fetcher(`${url}/charges?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trace': 'abc' }, body: JSON.stringify({ orderId: 'ord-1' }) });
    const [fromNode, fromPage] = await Promise.all([send(fetch, nodeUrl), send(pageFetch, pageUrl)]);
    expect(page.seen).toEqual(node.seen);
    expect(page.seen[0]).toMatchObject({ method: 'POST', url: '/charges?x=1', body: '{"orderId":"ord-1"}' });
    for (const [answer, url] of [[fromNode, nodeUrl], [fromPage, pageUrl]] as const) {
      expect({ status: answer.status, type: answer.headers.get('content-type'), served: answer.headers.get('x-served'), url: answer.url, body: await answer.json() })
        .toEqual({ status: 201, type: 'application/json', served: 'yes', url: `${url}/charges?x=1`, body: { ok: true } });
    }
  });

  it('refuses a fetch to a port no server listens on, as Node refuses it', async () => {
    const port = await closedPort();
    const [node, page] = await Promise.all([failure(fetch(`http://127.0.0.1:${port}/charges`)), failure(pageFetch(`http://127.0.0.1:${port}/charges`))]);
    expect(page).toEqual(node);
    expect(page).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED 127.0.0.1:${port}` } });
  });

  it('refuses once the server is closed, and hands its made-up port out again only after', async () => {
    const server = createServer((_request, response) => response.end('hi'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await (await pageFetch(`http://localhost:${port}/`)).text()).toBe('hi');
    const taken = createServer();
    const refused = new Promise((resolve) => taken.on('error', resolve));
    taken.listen(port, '127.0.0.1');
    expect(await refused).toMatchObject({ code: 'EADDRINUSE' });
    await new Promise((resolve) => server.close(resolve));
    expect(await failure(pageFetch(`http://127.0.0.1:${port}/`))).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('reaches no other host: the fetch fails with Node\'s ENOTFOUND and says where code can reach', async () => {
    const page = await failure(pageFetch('http://payments.example.com/charges'));
    expect(page).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ENOTFOUND', syscall: 'getaddrinfo' } });
    expect(String((page.cause as { message: string }).message)).toMatch(/^getaddrinfo ENOTFOUND payments\.example\.com .*127\.0\.0\.1.*npm start/);
  });

  it('gives up on a slow answer as Node does: the fetch rejects with the timeout and the server sees the connection close', async () => {
    const closes: string[] = [];
    const slow = (name: string) => (_request: unknown, response: ServerResponse | nodeHttp.ServerResponse) => {
      response.on('close', () => closes.push(name));
      setTimeout(() => response.destroyed || (response as nodeHttp.ServerResponse).end('late'), 2000).unref();
    };
    const [nodeUrl, pageUrl] = await Promise.all([nodeServer(slow('node')), pageServer(slow('page'))]);
    const [node, page] = await Promise.all([
      fetch(nodeUrl, { signal: AbortSignal.timeout(100) }).catch((error: Error) => ({ name: error.name, message: error.message })),
      pageFetch(pageUrl, { signal: AbortSignal.timeout(100) }).catch((error: Error) => ({ name: error.name, message: error.message })),
    ]);
    expect(page).toEqual(node);
    expect(page).toMatchObject({ name: 'TimeoutError' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closes.sort()).toEqual(['node', 'page']);
  });
});
