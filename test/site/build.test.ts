import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/table.ts';
import { listLabs } from '../../src/core/labs.ts';
import { defaultServices } from '../../src/emulator/services/index.ts';
import { OUTPUT } from './global-setup.ts';
import { externalLinkProblem, externalLinksInHtml } from './support/external-links.ts';
import { brokenLinks, htmlPages } from './support/links.ts';
import { pageJs } from './support/page-js.ts';

const dist = inject('siteDist');
const read = (page: string) => readFileSync(join(dist, page), 'utf8');
/** Text of a page with tags removed and entities decoded enough to compare names. */
const textOf = (page: string) => read(page).replace(/<[^>]+>/g, ' ').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('the built lesson site', () => {
  it('has no broken internal links in either language', () => {
    const { pages, links, broken } = brokenLinks(dist);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(links).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('links outside the site only to official sources, over https and without tracking (checked offline)', () => {
    const problems = htmlPages(dist).flatMap((page) =>
      externalLinksInHtml(read(page)).flatMap((link) => {
        const problem = externalLinkProblem(link);
        return problem ? [`${page}: ${link} ${problem}`] : [];
      }));
    expect(problems).toEqual([]);
  });

  it('has both languages, with the Chinese root page in Chinese', () => {
    const pages = htmlPages(dist);
    expect(pages).toContain('index.html');
    expect(pages).toContain(join('zh-cn', 'index.html'));
    expect(read(join('zh-cn', 'index.html'))).toMatch(/<html[^>]*lang="zh-CN"/);
    expect(textOf(join('zh-cn', 'index.html'))).toContain('三条命令');
    expect(read('index.html')).toMatch(/<html[^>]*lang="en"/);
    // Every English page has a page at the mirrored Chinese path (translated or Starlight's fallback).
    const english = pages.filter((page) => !page.startsWith('zh-cn') && page !== '404.html');
    for (const page of english) expect(pages, page).toContain(join('zh-cn', page));
  });

  it('has a Pagefind search index covering both languages', () => {
    const entry = JSON.parse(read(join('pagefind', 'pagefind-entry.json'))) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'zh-cn']);
    expect(entry.languages.en!.page_count).toBeGreaterThanOrEqual(4);
    expect(existsSync(join(dist, 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('lists every operation of every emulated service on the coverage page, in both languages', () => {
    for (const page of [join('reference', 'emulator-coverage', 'index.html'), join('zh-cn', 'reference', 'emulator-coverage', 'index.html')]) {
      const html = read(page);
      for (const service of defaultServices()) {
        expect(html.includes(`data-service="${service.name}"`), `${page}: ${service.name}`).toBe(true);
        for (const operation of Object.keys(service.operations)) expect(html.includes(`>${operation}</code>`), `${page}: ${service.name} ${operation}`).toBe(true);
      }
    }
  });

  it('lists every CLI command with its options on the CLI page', () => {
    const text = textOf(join('reference', 'cli', 'index.html'));
    for (const entry of Object.values(COMMANDS)) expect(text, entry.usage).toContain(`npx workshop ${entry.usage}`);
    // Options come from loading each command, done in a separate process as the CLI itself does
    // (some command modules set up process-level listeners when imported).
    const script = "import { cliReference } from './scripts/site-data.ts'; console.log(JSON.stringify(await cliReference()));";
    const commands = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') })) as Array<{ name: string; options: Array<{ name: string }> }>;
    expect(commands.map((command) => command.name)).toEqual(Object.keys(COMMANDS));
    for (const command of commands) {
      for (const option of command.options) expect(text, `${command.name} --${option.name}`).toContain(`--${option.name}`);
    }
    expect(commands.find((command) => command.name === 'emulator')?.options.map((option) => option.name)).toEqual(expect.arrayContaining(['port', 'host']));
  });

  it("shows a lab's title once, points in proper English and Chinese, and no hint text until revealed", () => {
    const lab = JSON.parse(readFileSync(join(import.meta.dirname, '../../labs/01-first-handler/lab.json'), 'utf8')) as { hints: Record<string, { en: string; 'zh-cn': string }> };
    for (const [page, title] of [[join('labs', '01-first-handler', 'index.html'), 'Lab 01: Your first order handler'], [join('zh-cn', 'labs', '01-first-handler', 'index.html'), '实验 01：你的第一个订单处理函数']] as const) {
      const main = /<main[\s\S]*<\/main>/.exec(read(page))![0];
      expect(main.match(/<h1[\s>]/g), page).toHaveLength(1);
      // The README's own "# Lab 01: ..." heading is dropped: the page title says it already.
      expect(main.split('Lab 01: Your first order handler').length - 1, page).toBe(page.startsWith('zh-cn') ? 0 : 1);
      expect(main, page).toContain(title);
      const text = textOf(page);
      // Hints stay hidden until revealed, in either language.
      for (const hint of Object.values(lab.hints).flatMap((texts) => [texts.en, texts['zh-cn']])) expect(text, `${page}: ${hint}`).not.toContain(hint.split("'")[0]!.slice(0, 40));
      expect(text, page).toContain('npx workshop hint 01');
    }
    const checks = (page: string) => /<lab-checks[\s\S]*?<\/lab-checks>/.exec(read(page))![0].replace(/<[^>]+>/g, ' ');
    const english = checks(join('labs', '01-first-handler', 'index.html'));
    expect(english).toContain('(1 point · 1 hint)');
    expect(english).toContain('(3 points · 2 hints)');
    expect(english).toContain('10 points in all.');
    expect(english).not.toMatch(/\b1 points\b|\b1 hints\b/);
    const chinese = checks(join('zh-cn', 'labs', '01-first-handler', 'index.html'));
    expect(chinese).toContain('（1 分 · 1 条提示）');
    expect(chinese).toContain('共 10 分。');
    expect(chinese).not.toMatch(/\d (points?|hints?)\b/);
  });

  it('gives the CLI and coverage pages a table of contents of their commands and services, in both languages', () => {
    const toc = (page: string) => [...(/<starlight-toc[\s\S]*?<\/starlight-toc>/.exec(read(page))?.[0] ?? '').matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    for (const prefix of ['', 'zh-cn']) {
      const cli = join(prefix, 'reference', 'cli', 'index.html');
      expect(toc(cli), cli).toEqual(['_top', ...Object.keys(COMMANDS)]);
      for (const name of Object.keys(COMMANDS)) expect(read(cli), `${cli}: ${name}`).toMatch(new RegExp(`<h2 id="${name}"[ >]`));
      const coverage = join(prefix, 'reference', 'emulator-coverage', 'index.html');
      expect(toc(coverage), coverage).toEqual(['_top', ...defaultServices().map((service) => service.name).sort()]);
    }
  });

  it("titles each progress box on the labs page with its lab's title, in the page's language", () => {
    const titles = (page: string) => [...read(page).matchAll(/<p class="live-title[^"]*"><a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => `${match[1]} ${match[2]}`);
    const labs = listLabs();
    expect(labs.length).toBeGreaterThanOrEqual(5);
    expect(titles(join('labs', 'index.html'))).toEqual(labs.map((lab) => `/labs/${lab.id}/ Lab ${lab.number}: ${lab.definition.title.en}`));
    expect(titles(join('zh-cn', 'labs', 'index.html'))).toEqual(labs.map((lab) => `/zh-cn/labs/${lab.id}/ 实验 ${lab.number}：${lab.definition.title['zh-cn']}`));
    expect(titles(join('labs', 'index.html'))[0]).toBe('/labs/01-first-handler/ Lab 01: Your first order handler');
    // A lab's own page has its title already; its progress box adds none.
    expect(read(join('labs', '01-first-handler', 'index.html'))).not.toContain('class="live-title');
  });

  it('ships little JavaScript per page (measured, and written to test-output/site-js.json)', () => {
    const pages = htmlPages(dist).filter((page) => page.endsWith('index.html') && !page.includes('test-fixture'));
    const lessons = pages.filter((page) => page.includes('lessons'));
    const measured = Object.fromEntries(pages.map((page) => [page, pageJs(dist, page)]));
    const fixture = pageJs(dist, join('test-fixture', 'components', 'index.html'));
    const report = {
      buildMs: inject('siteBuildMs'),
      pages: Object.fromEntries(Object.entries(measured).map(([page, js]) => [page, { raw: js.raw, gzip: js.gzip }])),
      allComponentsPage: { raw: fixture.raw, gzip: fixture.gzip },
    };
    writeFileSync(join(OUTPUT, 'site-js.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`site build ${report.buildMs} ms; JS per page (raw/gzip bytes):`);
    for (const [page, js] of Object.entries(report.pages)) console.log(`  ${page}: ${js.raw} / ${js.gzip}`);
    console.log(`  every component on one page: ${fixture.raw} / ${fixture.gzip}`);
    // A page without components loads only Starlight's own scripts; even the page with every
    // component (the matcher included) stays far below a typical framework bundle.
    for (const page of lessons) expect(measured[page]!.gzip, page).toBeLessThan(25_000);
    expect(fixture.gzip).toBeLessThan(25_000);
    expect(fixture.files.some((file) => file.includes('PatternPlayground'))).toBe(true);
  });
});
