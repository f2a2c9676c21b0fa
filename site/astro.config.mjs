// The lesson site: Astro + Starlight, English at the root and Simplified Chinese under zh-cn/.
// Before each build or dev start, scripts/site-data.ts writes the facts read from the kit's code
// (emulator coverage, CLI commands) into src/generated/, so those pages cannot drift from it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { cjkLineBreaksIntegration } from './plugins/cjk-line-breaks.mjs';
import { labReadmeTitle } from './plugins/lab-readme-title.mjs';

const siteRoot = fileURLToPath(new URL('./', import.meta.url));
const kitRoot = fileURLToPath(new URL('../', import.meta.url));

/** Runs the site-data script once per build or dev start. */
const siteData = {
  name: 'workshop-site-data',
  hooks: {
    'astro:config:setup': () => {
      execFileSync(process.execPath, ['scripts/site-data.ts', `${siteRoot}src/generated`], { cwd: kitRoot, stdio: 'inherit' });
    },
  },
};

/**
 * The lab runner the lab pages load on "Do this lab here" (scripts/lab-runner.ts): written into
 * the build's /_lab/ once Astro is done, and for `astro dev` built once into a folder served there.
 */
const labRunner = {
  name: 'workshop-lab-runner',
  hooks: {
    'astro:build:done': ({ dir }) => {
      execFileSync(process.execPath, ['scripts/lab-runner.ts', fileURLToPath(new URL('_lab/', dir))], { cwd: kitRoot, stdio: 'inherit' });
    },
    'astro:server:setup': async ({ server }) => {
      const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join, extname, normalize } = await import('node:path');
      const folder = mkdtempSync(join(tmpdir(), 'workshop-lab-runner-'));
      execFileSync(process.execPath, ['scripts/lab-runner.ts', folder], { cwd: kitRoot, stdio: 'inherit' });
      const types = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
      server.middlewares.use('/_lab/', (request, response, next) => {
        const file = join(folder, normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^([/\\]|\.\.)+/, ''));
        if (!file.startsWith(folder) || !existsSync(file)) return next();
        response.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
  },
};

/**
 * Test-only pages (test/site/fixtures/) that put every component on one page in both languages;
 * added only when the site tests build with WORKSHOP_SITE_FIXTURES=1, never to a normal build.
 */
const fixtures = {
  name: 'workshop-site-fixtures',
  hooks: {
    'astro:config:setup': ({ injectRoute }) => {
      if (process.env.WORKSHOP_SITE_FIXTURES !== '1') return;
      injectRoute({ pattern: '/[...locale]/test-fixture/components', entrypoint: `${kitRoot}test/site/fixtures/components.astro` });
    },
  },
};

export default defineConfig({
  root: siteRoot,
  outDir: './dist',
  vite: {
    build: {
      rollupOptions: {
        // Astro's own MDX modules carry a directive the bundler reports on every page; nothing to act on.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
  integrations: [
    siteData,
    labReadmeTitle(),
    // Hard-wrapped Chinese paragraphs: no visible space where a line ends between two CJK characters.
    cjkLineBreaksIntegration(),
    starlight({
      title: { en: 'Serverless Shop Workshop', 'zh-CN': 'Serverless 商店工作坊' },
      description: 'Learn serverless architecture by building an online shop\'s order pipeline.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: [
        { label: 'Start here', translations: { 'zh-CN': '从这里开始' }, items: ['setup'] },
        { label: 'Lessons', translations: { 'zh-CN': '课程' }, items: [{ autogenerate: { directory: 'lessons' } }] },
        { label: 'Labs', translations: { 'zh-CN': '实验' }, items: [{ autogenerate: { directory: 'labs' } }] },
        { label: 'Reference', translations: { 'zh-CN': '参考' }, items: [{ autogenerate: { directory: 'reference' } }] },
      ],
      lastUpdated: false,
      // Adds the generated sections of the reference pages to their table of contents.
      routeMiddleware: './src/reference-toc.ts',
      customCss: ['./src/styles/kit-box.css'],
    }),
    fixtures,
    labRunner,
  ],
});
