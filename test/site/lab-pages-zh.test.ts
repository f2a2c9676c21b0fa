/**
 * The Chinese lab pages of the built site show the Chinese README (labs/NN-slug/README.zh-cn.md),
 * not the English one, with its links pointing at the Chinese lessons, and name their lesson by its
 * Chinese title.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';

const dist = inject('siteDist');
const labs = readdirSync(join(KIT_ROOT, 'labs')).filter((name) => /^\d{2}-/.test(name));
const mainOf = (page: string) => /<main[\s\S]*<\/main>/.exec(readFileSync(join(dist, page), 'utf8'))![0];
/** Text compared across Markdown and HTML: whitespace runs as one space, without the quotes the renderer curls. */
const comparable = (text: string) => text.replace(/\s+/g, ' ').replace(/['’"“”]/g, '');

/** The longest stretch of a README's first paragraph that has no inline code or link: text the page must show as it is. */
function firstParagraphProbe(readme: string): string {
  const paragraph = readme.split(/\n\s*\n/).find((block) => !block.startsWith('#'))!.replace(/\n/g, ' ');
  return paragraph.split(/`[^`]*`|\[[^\]]*\]\([^)]*\)/).map((part) => part.trim()).sort((a, b) => b.length - a.length)[0]!;
}

describe('the Chinese lab pages', () => {
  for (const lab of labs) {
    it(`${lab} shows README.zh-cn.md in place of README.md`, () => {
      const read = (file: string) => readFileSync(join(KIT_ROOT, 'labs', lab, file), 'utf8');
      const chinese = firstParagraphProbe(read('README.zh-cn.md'));
      const english = firstParagraphProbe(read('README.md'));
      expect(chinese).toMatch(/\p{Script=Han}{8}/u);
      expect(comparable(mainOf(join('labs', lab, 'index.html'))), 'the English page shows the probe').toContain(comparable(english));
      const main = mainOf(join('zh-cn', 'labs', lab, 'index.html'));
      expect(comparable(main)).toContain(comparable(chinese));
      expect(comparable(main)).not.toContain(comparable(english));
      expect(main).not.toContain('英文原文');
      // The README's title is the page's title: one h1.
      expect(main.match(/<h1[\s>]/g)).toHaveLength(1);
    });

    it(`${lab} links to its Chinese lesson, named by the lesson's Chinese title`, () => {
      const { lesson } = JSON.parse(readFileSync(join(KIT_ROOT, 'labs', lab, 'lab.json'), 'utf8')) as { lesson: string };
      const slug = lesson.split('/').filter(Boolean).at(-1)!;
      const frontmatter = readFileSync(join(KIT_ROOT, 'site', 'src', 'content', 'docs', 'zh-cn', 'lessons', `${slug}.mdx`), 'utf8');
      const title = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(frontmatter)![1]!;
      const main = mainOf(join('zh-cn', 'labs', lab, 'index.html'));
      const texts = [...main.matchAll(new RegExp(`<a href="/zh-cn${lesson}"[^>]*>([^<]*)</a>`, 'g'))].map((match) => match[1]);
      // Once in the page's own sentence, once in the README.
      expect(texts.length).toBeGreaterThanOrEqual(2);
      expect(texts).toContain(title);
      expect(texts).not.toContain(slug);
      // README.zh-cn.md links to /lessons/...; on the Chinese page they lead to the Chinese lessons.
      expect(main).not.toMatch(/href="\/lessons\//);
    });
  }
});
