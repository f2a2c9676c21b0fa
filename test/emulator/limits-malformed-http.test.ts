/**
 * Requests Node's HTTP parser refuses get an HTTP answer, as Node's own default and AWS's front
 * ends give one: 431 for headers over Node's 16 KB maxHeaderSize, 414 for a URL that alone is
 * too long, 400 for Content-Length with Transfer-Encoding (RFC 9112 6.3 calls it smuggling), a
 * bad chunk size, NUL in a header and bytes a URL may not hold. The emulator stays healthy.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { rawExchange, send } from './limits-http.ts';

function statusLine(answer: string): string {
  return answer.split('\r\n')[0] ?? '';
}

describe('malformed HTTP requests', () => {
  const emulator = useEmulator();
  const port = () => emulator.running.port;

  const cases: Array<[string, Buffer | string, string]> = [
    ['a 100 KB header', `GET /_localstack/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, 'HTTP/1.1 431 Request Header Fields Too Large'],
    ['a 60 KB URL', `GET /${'a'.repeat(60_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 'HTTP/1.1 414 URI Too Long'],
    ['Content-Length with Transfer-Encoding', 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
    ['a bad chunk size', 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
    ['NUL in a header', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\0b\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
    ['invalid UTF-8 in the URL', Buffer.concat([Buffer.from('GET /'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')]), 'HTTP/1.1 400 Bad Request'],
    ['no HTTP at all', 'HELLO\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
  ];

  for (const [name, bytes, expected] of cases) {
    it(`answers ${name} with ${expected.slice(9)} and closes`, async () => {
      const answer = await rawExchange(port(), bytes);
      expect(statusLine(answer)).toBe(expected);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).message).toMatch(/\w/);
    });
  }

  it('answers a 100 KB header sent in pieces, the client still writing', async () => {
    const parts = [`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(30_000)}`, 'a'.repeat(40_000), `${'a'.repeat(30_000)}\r\n\r\n`];
    const answer = await rawExchange(port(), Buffer.from(parts.join('')));
    expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('is healthy after all of them', async () => {
    const health = await send(port(), { method: 'GET', path: '/_localstack/health' }, 5_000);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).services).toBeTypeOf('object');
  });
});
