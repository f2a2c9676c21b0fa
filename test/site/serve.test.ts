import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLanguage } from '../../src/core/i18n/language.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { ensureSiteBuilt } from '../../src/site/build.ts';
import { siteFingerprint } from '../../src/site/fingerprint.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';

const folder = mkdtempSync(join(tmpdir(), 'workshop-site-serve-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes files under `root` from an object literal of relative paths. */
function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A GET with the path sent exactly as written (fetch would normalise `..` away first). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const call = request({ hostname, port, path, headers }, (answer) => {
      let body = '';
      answer.on('data', (chunk: Buffer) => (body += chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body, headers: answer.headers }));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('startSite, the lesson site next to the emulator', () => {
  it('does not load Astro until the site is started', () => {
    // Records every module specifier resolved while importing serve.ts.
    const script = `
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });
      const serve = await import('./src/site/serve.ts');
      console.log(JSON.stringify({ seen, exports: Object.keys(serve) }));`;
    const { seen, exports } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: KIT_ROOT, encoding: 'utf8' })) as { seen: string[]; exports: string[] };
    expect(exports).toContain('startSite');
    expect(seen.filter((specifier) => specifier.includes('astro'))).toEqual([]);
  });
});

describe('the static server of the built site', () => {
  const root = join(folder, 'built');
  let site: RunningStaticSite;

  beforeAll(async () => {
    write(folder, { 'secret.txt': 'outside the build' });
    write(root, {
      'index.html': '<!doctype html><html lang="en"><head><title>Home</title></head><body>home</body></html>',
      '404.html': '<!doctype html><html><head></head><body>no such page</body></html>',
      'labs/index.html': '<html><head></head><body>labs</body></html>',
      '_astro/page.abc123.js': 'export {};',
      'styles/site.css': 'body {}',
      'pagefind/wasm.en.pagefind': 'bytes',
      'pagefind/pagefind-entry.json': '{}',
      'favicon.svg': '<svg/>',
    });
    site = await serveBuiltSite({ root, port: 0, emulatorUrl: 'http://127.0.0.1:4599' });
  });
  afterAll(() => site?.stop());

  it('serves files with their content types, and index.html for folders', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const types: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/labs/': 'text/html; charset=utf-8',
      '/_astro/page.abc123.js': 'text/javascript; charset=utf-8',
      '/styles/site.css': 'text/css; charset=utf-8',
      '/pagefind/pagefind-entry.json': 'application/json; charset=utf-8',
      '/pagefind/wasm.en.pagefind': 'application/octet-stream',
      '/favicon.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const answer = await fetch(`${site.url}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toBe(type);
    }
    expect(await (await fetch(`${site.url}/labs/`)).text()).toContain('labs');
    expect((await fetch(`${site.url}/_astro/page.abc123.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${site.url}/labs/`)).headers.get('cache-control')).toBe('no-cache');
    const folderWithoutSlash = await fetch(`${site.url}/labs?x=1`, { redirect: 'manual' });
    expect(folderWithoutSlash.status).toBe(301);
    expect(folderWithoutSlash.headers.get('location')).toBe('/labs/?x=1');
    const head = await fetch(`${site.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${site.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it("writes the emulator's address into every page, for the live parts to read at run time", async () => {
    const home = await (await fetch(`${site.url}/`)).text();
    expect(home).toContain('<head><meta name="workshop-emulator" content="http://127.0.0.1:4599"><title>Home</title>');
    expect(await (await fetch(`${site.url}/_astro/page.abc123.js`)).text()).toBe('export {};');
  });

  it('answers unknown paths with the 404 page and status 404', async () => {
    const answer = await fetch(`${site.url}/lessons/99-nothing/`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await answer.text()).toContain('no such page');
  });

  it('serves nothing outside the build folder, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/labs/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/..\\secret.txt', '/secret.txt%00.html']) {
      const answer = await rawGet(site.url, path);
      expect(answer.body, path).not.toContain('outside the build');
      expect([400, 404], path).toContain(answer.status);
    }
  });

  it('refuses foreign Host names, so a rebinding DNS name cannot read it', async () => {
    const answer = await rawGet(site.url, '/', { host: 'attacker.example:4321' });
    expect(answer.status).toBe(403);
    expect((await rawGet(site.url, '/', { host: `localhost:${site.port}` })).status).toBe(200);
  });

  it('moves to the next port when the one asked for is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const next = await serveBuiltSite({ root, port: taken });
      expect(next.port).toBeGreaterThan(taken);
      expect((await fetch(`${next.url}/`)).status).toBe(200);
      await next.stop();
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});

describe("the site build's fingerprint", () => {
  it('changes with the site and what its pages read, not with the files a learner edits', () => {
    const kit = join(folder, 'kit');
    write(kit, {
      'package.json': '{}',
      'site/src/content/docs/index.mdx': '# Home',
      'site/dist/index.html': 'an old build',
      'site/src/generated/cli.json': '[]',
      'labs/01-first-handler/lab.json': '{"id":"01-first-handler"}',
      'labs/01-first-handler/README.md': '# Lab 01',
      'labs/01-first-handler/handler.ts': '// TODO: the learner writes this',
      'src/core/cost-model.ts': 'export {};',
    });
    const sources = { kitRoot: kit, siteRoot: join(kit, 'site') };
    const first = siteFingerprint(sources);
    expect(siteFingerprint(sources)).toBe(first);
    // Outputs of a build and the learner's own code leave it alone.
    write(kit, { 'site/dist/index.html': 'a new build', 'site/src/generated/cli.json': '[1]', 'labs/01-first-handler/handler.ts': 'export const handleOrder = 1;' });
    expect(siteFingerprint(sources)).toBe(first);
    for (const [path, text] of [['site/src/content/docs/index.mdx', '# Home page'], ['labs/01-first-handler/lab.json', '{"id":"01-first-handler","title":"x"}'], ['src/core/cost-model.ts', 'export const x = 1;']] as const) {
      const before = siteFingerprint(sources);
      write(kit, { [path]: text });
      expect(siteFingerprint(sources), path).not.toBe(before);
    }
  });
});

describe('a lesson site build that fails', () => {
  it('says where its log is and what to do, and leaves no half-built site', async () => {
    const site = join(folder, 'broken-site');
    write(site, { 'astro.config.mjs': "throw new Error('broken config on purpose');\n" });
    const cacheDir = join(folder, 'broken-cache');
    const lines: string[] = [];
    const error = await ensureSiteBuilt({ cacheDir, siteRoot: site, kitRoot: KIT_ROOT, log: (line) => lines.push(line) }).then(() => undefined, (failure: Error) => failure);
    expect(lines[0]).toBe('Building the lesson site (first start only)...');
    expect(error?.message).toContain('broken config on purpose');
    expect(error?.message).toContain(join(cacheDir, 'build.log'));
    expect(error?.message).toContain('`npm start` again');
    expect(readdirSync(cacheDir).sort()).toEqual(['build.log']);
    expect(existsSync(join(cacheDir, 'dist'))).toBe(false);
    // The same, for a learner who reads Chinese: the compiler's words stay as they were said.
    const chineseLines: string[] = [];
    useLanguage('zh-cn');
    const chinese = await ensureSiteBuilt({ cacheDir, siteRoot: site, kitRoot: KIT_ROOT, log: (line) => chineseLines.push(line) })
      .then(() => undefined, (failure: Error) => failure)
      .finally(() => useLanguage('en'));
    expect(chineseLines[0]).toBe('正在构建课程网站（只在第一次启动时）……');
    expect(chinese?.message).toMatch(/^它的构建失败了："[^"]*broken config on purpose[^"]*"。完整日志在 .*build\.log。/);
  }, 60_000);
});
