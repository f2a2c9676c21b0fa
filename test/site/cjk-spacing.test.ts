// The built Chinese pages read as Chinese: no stray spaces or ASCII punctuation inside Chinese text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cjkSpaces, visibleText } from './support/cjk-spacing.ts';
import { htmlPages } from './support/links.ts';

const dist = inject('siteDist');
const chinesePages = htmlPages(dist).filter((page) => page.startsWith('zh-cn'));
const read = (page: string) => readFileSync(join(dist, page), 'utf8');

const HAN = String.raw`\p{Script=Han}`;
// A comma, full stop, colon, semicolon, mark or bracket of ASCII touching a Chinese character.
const ASCII_PUNCTUATION = new RegExp(`${HAN}[,.;:!?()]|[,;:!?()]${HAN}|(?<![\\w.])\\.${HAN}`, 'gu');

/** Every match of `pattern` in the text of each Chinese page, as "page: …context…". */
function places(pattern: RegExp): string[] {
  return chinesePages.flatMap((page) => {
    const text = visibleText(read(page));
    return [...text.matchAll(pattern)].map((match) => `${page}: ${text.slice(Math.max(0, match.index - 12), match.index + match[0].length + 12).replace(/[\s\u0000\u0001]+/g, ' ').trim()}`);
  });
}

describe('Chinese text on the built site', () => {
  it('has pages to read', () => {
    expect(chinesePages.length).toBeGreaterThanOrEqual(12);
    expect(chinesePages).toContain(join('zh-cn', 'lessons', '08-reliability', 'index.html'));
  });

  it('shows no space between two CJK characters or next to CJK punctuation (a hard-wrapped line shows as one)', () => {
    const found = chinesePages.flatMap((page) => cjkSpaces(read(page)).map((place) => `${page}: ${place}`));
    expect(found, `${found.length} spaces inside Chinese text`).toEqual([]);
  });

  it('uses Chinese punctuation next to Chinese characters', () => {
    expect(places(ASCII_PUNCTUATION)).toEqual([]);
  });

  it('shows no emphasis markers left as text (a closing ** between CJK punctuation and a CJK character does not close)', () => {
    expect(places(/\*\*|__/g)).toEqual([]);
  });

  it("words Starlight's own screen-reader labels in Chinese", () => {
    expect(places(/Section titled/g)).toEqual([]);
  });
});
