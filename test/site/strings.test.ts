import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../site/src/components/strings.ts';

type Tree = { [key: string]: string | Tree };

/** A plural's forms (`{ one?, other }`) count as one string: Chinese has no `one`. */
function isPlural(value: Tree): boolean {
  return typeof value.other === 'string' && Object.keys(value).every((key) => key === 'one' || key === 'other');
}

/** Every string of a table by its dotted key; a plural's forms joined. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (isPlural(value)) out.set(path, Object.values(value).join('\n'));
    else for (const [inner, text] of leaves(value, path)) out.set(inner, text);
  }
  return out;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
/** Text outside `code` and {placeholders}: where punctuation is the language's own. */
const prose = (text: string) => text.replace(/`[^`]*`/g, '').replace(/\{\w+\}/g, '').replace(/"[^"]*"/g, '');

describe("the site components' strings", () => {
  const en = leaves(stringsFor('en') as unknown as Tree);
  const zh = leaves(stringsFor('zh-cn') as unknown as Tree);

  it('have the same keys in English and Chinese', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('fill the same placeholders in both languages', () => {
    const differ = [...en].filter(([key, text]) => placeholders(text).join() !== placeholders(zh.get(key) ?? '').join());
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it('give every English phrase with a count its singular and plural', () => {
    const plurals = Object.values(stringsFor('en') as unknown as Tree)
      .flatMap((group) => (typeof group === 'string' ? [] : Object.entries(group)))
      .filter(([, value]) => typeof value !== 'string' && isPlural(value));
    expect(plurals.length).toBeGreaterThan(5);
    for (const [key, value] of plurals) expect(Object.keys(value as Tree).sort(), key).toEqual(['one', 'other']);
  });

  it('use Chinese punctuation in Chinese prose', () => {
    const ascii = [...zh].filter(([, text]) => /[():;,!?](?=\s|$)|[()]/.test(prose(text)));
    expect(ascii.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
