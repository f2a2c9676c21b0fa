/**
 * A small static file server for the built lesson site, on 127.0.0.1: content types, index.html
 * for folders, the site's 404 page, and nothing outside the build folder. Each HTML page gets a
 * `<meta name="workshop-emulator">` with the running emulator's address, which the live parts
 * read at run time (a build cannot know the port the kit will use).
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { AccessPolicy } from '../emulator/access.ts';

/** Content types by extension; anything else is served as bytes (Pagefind's index files are). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Host names a page of this server may be reached by: the emulator's own rule (DNS rebinding is refused alike). */
const hosts = new AccessPolicy();

/** Options of {@link serveBuiltSite}. */
export interface StaticSiteOptions {
  /** The built site's folder. */
  root: string;
  /** 0 picks a free port; when the port is taken, the next free one (up to 20 further) is used. */
  port: number;
  /** The emulator's origin, written into every page for the live parts. */
  emulatorUrl?: string | undefined;
}

/** A running static site. */
export interface RunningStaticSite {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const escapeAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The file for a URL path inside `root`, a redirect for a folder named without its slash, or undefined. */
async function fileFor(root: string, realRoot: string, path: string): Promise<{ file: string } | { redirect: true } | undefined> {
  const target = resolve(root, `.${path}`);
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  const found = await stat(target).catch(() => undefined);
  if (!found) return undefined;
  let file = target;
  if (found.isDirectory()) {
    if (!path.endsWith('/')) return { redirect: true };
    file = join(target, 'index.html');
    if (!(await stat(file).catch(() => undefined))?.isFile()) return undefined;
  } else if (!found.isFile()) {
    return undefined;
  }
  // A link inside the folder must not lead out of it either.
  const real = await realpath(file).catch(() => '');
  return real.startsWith(realRoot + sep) ? { file } : undefined;
}

function reply(response: ServerResponse, status: number, headers: Record<string, string | number>, body: string | Buffer, head: boolean): void {
  response.writeHead(status, { 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(head ? undefined : body);
}

/** Answers one request from the build folder. */
async function answer(options: StaticSiteOptions, realRoot: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const head = request.method === 'HEAD';
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  if (request.method !== 'GET' && !head) return reply(response, 405, { ...text, allow: 'GET, HEAD' }, 'The lesson site only serves pages: use GET.\n', head);
  if (!hosts.hostAllowed(request.headers.host ?? '')) return reply(response, 403, text, 'Open the lesson site at http://127.0.0.1 or http://localhost.\n', head);
  const url = new URL(request.url ?? '/', 'http://site');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return reply(response, 400, text, 'Bad request: the path is not valid percent-encoding.\n', head);
  }
  const root = resolve(options.root);
  const found = path.includes('\0') ? undefined : await fileFor(root, realRoot, path);
  if (found && 'redirect' in found) return reply(response, 301, { ...text, location: `${url.pathname}/${url.search}` }, '', head);
  const file = found?.file ?? join(root, '404.html');
  const body = await readFile(file).catch(() => undefined);
  if (!body) return reply(response, 404, text, 'Not found.\n', head);
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Astro names its bundles by content hash, so they never change; anything else may after a rebuild.
  const cache = path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  const status = found ? 200 : 404;
  if (type.startsWith('text/html') && options.emulatorUrl) {
    const meta = `<meta name="workshop-emulator" content="${escapeAttribute(options.emulatorUrl)}">`;
    const html = body.toString('utf8').replace(/<head(\s[^>]*)?>/i, (tag) => `${tag}${meta}`);
    return reply(response, status, { 'content-type': type, 'cache-control': cache }, html, head);
  }
  reply(response, status, { 'content-type': type, 'cache-control': cache }, body, head);
}

/** Listens on 127.0.0.1 at `port`, or the next free port after it. */
async function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(port === 0 ? 0 : port + attempt, '127.0.0.1', () => {
          server.off('error', fail);
          done();
        });
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || attempt >= 20) throw error;
    }
  }
}

/** Serves a built site on 127.0.0.1 and resolves once it listens. */
export async function serveBuiltSite(options: StaticSiteOptions): Promise<RunningStaticSite> {
  const realRoot = await realpath(options.root);
  const server = createServer((request, response) => {
    answer(options, realRoot, request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, { 'content-type': 'text/plain; charset=utf-8' }, `The lesson site could not read a file: ${(error as Error).message}\n`, false);
      else response.destroy();
    });
  });
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
