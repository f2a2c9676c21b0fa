/** A tiny static file server for a built site, on a free loopback port, as any static host would serve it. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileFor } from './links.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running static server. */
export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1; unknown paths get its 404.html with status 404. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server = createServer((request, reply) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    let file: string | undefined;
    try {
      file = fileFor(dir, path);
    } catch {
      file = undefined;
    }
    const status = file ? 200 : 404;
    file ??= join(dir, '404.html');
    if (!existsSync(file)) {
      reply.writeHead(404).end();
      return;
    }
    reply.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
