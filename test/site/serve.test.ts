import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startSite } from '../../src/site/serve.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';


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

  it('serves both languages from the sources on 127.0.0.1, and stops', async () => {
    // Astro's dev server serves no pages when it sees VITEST (it assumes Vitest drives it), so the
    // variable is hidden while the server starts, as it is absent under `workshop start`.
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    const site = await startSite({ port: 0, emulatorUrl: 'http://127.0.0.1:4599' }).finally(() => {
      if (vitest !== undefined) process.env.VITEST = vitest;
    });
    try {
      expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const english = await fetch(`${site.url}/`);
      expect(english.status).toBe(200);
      expect(await english.text()).toMatch(/<html[^>]*lang="en"/);
      const chinese = await fetch(`${site.url}/zh-cn/labs/`);
      expect(chinese.status).toBe(200);
      expect(await chinese.text()).toContain('你的进度');
      expect(process.env.PUBLIC_WORKSHOP_EMULATOR).toBe('http://127.0.0.1:4599');
    } finally {
      await site.stop();
    }
    await expect(fetch(`${site.url}/`)).rejects.toThrow();
  }, 90_000);
});
