/**
 * Every lesson and page exists in both languages with the same structure: the same heading levels
 * in order, the same code blocks, the same components in order (with the same code, quiz ids and
 * number of questions and options, and the same correct answers), so a translation cannot drop or
 * reorder what the English teaches.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = join(import.meta.dirname, '../../site/src/content/docs');

function pages(folder: string): string[] {
  return readdirSync(join(DOCS, folder)).filter((name) => name.endsWith('.mdx') || name.endsWith('.md')).map((name) => join(folder, name));
}

/** What must be the same in both languages. */
function structureOf(text: string) {
  const body = text.replace(/^---[\s\S]*?\n---\n/, '');
  // Comments in code may be translated; the code itself may not.
  const fences = [...body.matchAll(/^```[^\n]*\n[\s\S]*?^```/gm)].map((found) => found[0].replace(/[ \t]+(#|\/\/) .*$/gm, ''));
  const prose = body.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  return {
    headings: [...prose.matchAll(/^(#{1,6}) /gm)].map((found) => found[1]!.length),
    fences,
    components: [...prose.matchAll(/<([A-Z]\w*)\b/g)].map((found) => found[1]),
    codes: [...prose.matchAll(/<Code code=\{(\w+)\}/g)].map((found) => found[1]),
    quizzes: [...prose.matchAll(/<Quiz\s+id="([^"]+)"/g)].map((found) => found[1]),
    questions: [...prose.matchAll(/\bq: /g)].length,
    options: [...prose.matchAll(/^\s+options: \[([\s\S]*?)\],$/gm)].map((found) => found[1]!.split('\n').filter((line) => line.trim() !== '').length),
    answers: [...prose.matchAll(/\banswer: (\d+)/g)].map((found) => Number(found[1])),
  };
}

describe('lessons and pages in both languages', () => {
  for (const folder of ['lessons', 'labs', '.']) {
    for (const page of pages(folder)) {
      it(`${page} has a Chinese page with the same structure`, () => {
        const chinese = join(DOCS, 'zh-cn', page);
        expect(existsSync(chinese), `${chinese} is missing`).toBe(true);
        expect(structureOf(readFileSync(chinese, 'utf8'))).toEqual(structureOf(readFileSync(join(DOCS, page), 'utf8')));
      });
    }
  }
});
