// External links on the site's pages, checked offline, and each lesson's "Read more" list of AWS sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalLinkProblem, externalLinksInHtml, externalLinksInMdx } from '../site/support/external-links.ts';

const DOCS = join(import.meta.dirname, '../../site/src/content/docs');
const READ_MORE = { en: 'Read more', 'zh-cn': '延伸阅读' } as const;

/** Every .md/.mdx page under the docs folder. */
function pages(folder = DOCS): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return pages(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

const lessons = readdirSync(join(DOCS, 'lessons')).filter((name) => name.endsWith('.mdx'));
const lessonText = (lang: keyof typeof READ_MORE, name: string) => readFileSync(join(DOCS, lang === 'en' ? 'lessons' : 'zh-cn/lessons', name), 'utf8');

/** The links of a page's "Read more" section, or undefined when its last section is not one. */
function readMore(source: string, title: string): string[] | undefined {
  const sections = source.split(/^## /m);
  const last = sections[sections.length - 1]!;
  if (!last.startsWith(`${title}\n`)) return undefined;
  return [...last.matchAll(/^- \[[^\]]+\]\((https:[^)\s]+)\)/gm)].map((found) => found[1]!);
}

/** A page of the AWS documentation in English, whatever language the link asks for. */
const samePage = (link: string) => link.replace(/^(https:\/\/docs\.aws\.amazon\.com)\/zh_cn\//, '$1/');

describe('the external link rules', () => {
  it('accept official sources over https', () => {
    for (const link of [
      'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
      'https://docs.aws.amazon.com/zh_cn/lambda/latest/dg/gettingstarted-limits.html',
      'https://aws.amazon.com/lambda/pricing/',
      'https://github.com/aws/aws-sdk-js-v3',
      'https://github.com/aws-powertools/powertools-lambda-typescript',
      'https://nodejs.org/api/console.html',
      'https://docs.astro.build/en/guides/markdown-content/',
    ]) expect(externalLinkProblem(link), link).toBeUndefined();
  });

  it('refuse plain http, other hosts, look-alike hosts, other GitHub owners, ports and credentials', () => {
    expect(externalLinkProblem('http://docs.aws.amazon.com/lambda/')).toMatch(/not https/);
    expect(externalLinkProblem('https://example.com/aws-tips')).toMatch(/not an official source/);
    expect(externalLinkProblem('https://docs.aws.amazon.com.example.net/lambda/')).toMatch(/not an official source/);
    expect(externalLinkProblem('https://docs.amazonaws.cn/lambda/latest/dg/welcome.html')).toMatch(/not an official source/);
    expect(externalLinkProblem('https://github.com/someone/aws-notes')).toMatch(/not an official source/);
    expect(externalLinkProblem('https://docs.aws.amazon.com:8443/lambda/')).toMatch(/port/);
    expect(externalLinkProblem('https://me:secret@docs.aws.amazon.com/lambda/')).toMatch(/credentials/);
    expect(externalLinkProblem('//docs.aws.amazon.com/lambda/')).toMatch(/not an absolute URL/);
  });

  it('refuse tracking parameters but keep ordinary queries', () => {
    expect(externalLinkProblem('https://aws.amazon.com/lambda/pricing/?utm_source=newsletter')).toMatch(/tracking parameters \(utm_source\)/);
    expect(externalLinkProblem('https://aws.amazon.com/blogs/compute/some-post/?sc_channel=sm&trk=abc')).toMatch(/sc_channel, trk/);
    expect(externalLinkProblem('https://docs.aws.amazon.com/cli/latest/reference/?tab=1')).toBeUndefined();
  });

  it('find links in Markdown, autolinks and href attributes, but not in code', () => {
    const source = [
      'See [the quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html "Lambda quotas") and <https://aws.amazon.com/lambda/pricing/>.',
      '<a href="http://example.com/">a link</a> and [a lesson](/lessons/03-functions/).',
      '`http://127.0.0.1:4566` is the emulator.',
      '```ts',
      "const url = 'http://127.0.0.1:4566';",
      '```',
    ].join('\n');
    expect(externalLinksInMdx(source)).toEqual(['https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html', 'https://aws.amazon.com/lambda/pricing/', 'http://example.com/']);
    expect(externalLinksInHtml('<a href="/labs/">x</a><a href="https://aws.amazon.com/?a=1&amp;b=2">y</a><img src="data:image/png;base64,AA">')).toEqual(['https://aws.amazon.com/?a=1&b=2']);
  });
});

describe('the external links of every page', () => {
  it('are all official, https and untracked', () => {
    const problems = pages().flatMap((page) =>
      externalLinksInMdx(readFileSync(page, 'utf8')).flatMap((link) => {
        const problem = externalLinkProblem(link);
        return problem ? [`${relative(DOCS, page)}: ${link} ${problem}`] : [];
      }));
    expect(problems).toEqual([]);
  });
});

describe('each lesson\'s "Read more"', () => {
  for (const name of lessons) {
    it(`${name} ends with a list of the AWS pages its facts come from, the same in both languages`, () => {
      const english = readMore(lessonText('en', name), READ_MORE.en);
      const chinese = readMore(lessonText('zh-cn', name), READ_MORE['zh-cn']);
      expect(english, `the last section of lessons/${name} is not "## ${READ_MORE.en}"`).toBeDefined();
      expect(chinese, `the last section of zh-cn/lessons/${name} is not "## ${READ_MORE['zh-cn']}"`).toBeDefined();
      expect(english!.length).toBeGreaterThanOrEqual(2);
      for (const link of english!) expect(new URL(link).hostname).toMatch(/^(docs\.)?aws\.amazon\.com$/);
      expect(new Set(english).size).toBe(english!.length);
      expect(chinese!.map(samePage)).toEqual(english);
    });
  }
});
