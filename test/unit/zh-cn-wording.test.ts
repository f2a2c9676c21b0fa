// The Chinese lessons word the course the way site/glossary.json says, and link to pages by their titles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';

interface Term {
  en: string;
  'zh-cn': string;
  match?: string;
  not?: string[];
  checked?: boolean;
}

const DOCS = join(KIT_ROOT, 'site/src/content/docs');
const glossary = JSON.parse(readFileSync(join(KIT_ROOT, 'site/glossary.json'), 'utf8')) as { terms: Term[] };
const lessons = readdirSync(join(DOCS, 'lessons')).filter((name) => name.endsWith('.mdx'));

/** A page's prose: code, imports, component tags and link targets removed, so file names and identifiers do not count as words. */
function prose(source: string): string {
  return source
    .replace(/^```[\s\S]*?^```/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/^import .*$/gm, ' ')
    .replace(/<[A-Z][^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ');
}

const english = (lesson: string) => prose(readFileSync(join(DOCS, 'lessons', lesson), 'utf8'));
const chinese = (lesson: string) => prose(readFileSync(join(DOCS, 'zh-cn/lessons', lesson), 'utf8'));
/** The English term as a word, across a line break, with its plural. */
const englishWord = (term: Term) => new RegExp(term.match ?? `\\b${term.en.replace(/[\s-]+/g, '[\\s-]+')}(s|es)?\\b`, 'i');

/** Every zh-cn page but the lab pages (their text comes from the labs, worded apart). */
const zhPages = (folder = join(DOCS, 'zh-cn')): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === join(DOCS, 'zh-cn/labs') ? [] : zhPages(path);
    return entry.name.endsWith('.mdx') ? [path] : [];
  });

describe('the glossary', () => {
  it('names Lambda destinations 目的地, apart from EventBridge targets (目标)', () => {
    const terms = new Map(glossary.terms.map((term) => [term.en, term]));
    expect(terms.get('destination')?.['zh-cn']).toBe('目的地');
    expect(terms.get('target')?.['zh-cn']).toBe('目标');
    expect(terms.get('destination')?.not).toContain('目标（destination');
  });

  it('is used by every Chinese lesson where the English lesson uses the term', () => {
    const misses: string[] = [];
    for (const term of glossary.terms.filter((entry) => entry.checked)) {
      for (const lesson of lessons) {
        if (englishWord(term).test(english(lesson)) && !chinese(lesson).includes(term['zh-cn'])) misses.push(`${lesson}: "${term.en}" is not translated as ${term['zh-cn']}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('has no term it rules out on any zh-cn page', () => {
    const found: string[] = [];
    for (const page of zhPages()) {
      const text = readFileSync(page, 'utf8');
      for (const term of glossary.terms) {
        for (const avoid of term.not ?? []) if (text.includes(avoid)) found.push(`${page.slice(DOCS.length + 1)}: ${avoid} (use ${term['zh-cn']} for "${term.en}")`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('links in the Chinese lessons', () => {
  const titleOf = (path: string) => /^title:\s*(.+)$/m.exec(readFileSync(path, 'utf8'))?.[1]?.trim();
  const labTitle = (id: string) => (JSON.parse(readFileSync(join(KIT_ROOT, 'labs', id, 'lab.json'), 'utf8')) as { title: Record<string, string> }).title['zh-cn'];

  it('name the lesson or lab they lead to by its title', () => {
    const wrong: string[] = [];
    let links = 0;
    for (const lesson of lessons) {
      for (const [, text, slug] of readFileSync(join(DOCS, 'zh-cn/lessons', lesson), 'utf8').matchAll(/\[([^\]]+)\]\(\/zh-cn\/((?:lessons|labs)\/\d\d-[\w-]+)\/?\)/g)) {
        links += 1;
        const title = slug!.startsWith('labs/') ? labTitle(slug!.slice('labs/'.length)) : titleOf(join(DOCS, 'zh-cn', `${slug}.mdx`));
        if (text !== title) wrong.push(`${lesson}: [${text}] should read [${title}]`);
      }
    }
    expect(links).toBeGreaterThanOrEqual(8);
    expect(wrong).toEqual([]);
  });
});
