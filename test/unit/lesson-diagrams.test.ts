/**
 * Every lesson has a diagram of what it teaches, in both languages: the page imports a component
 * from site/src/components/diagram/lessons/ and draws it, the English and the Chinese page draw the
 * same diagrams with the same words filled in, and the Chinese words are Chinese. Also the line
 * breaking that keeps diagram labels inside their boxes, and the cost chart's width.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitText, textWidth, wrapText } from '../../site/src/components/diagram/wrap.ts';
import { chartWidth, MAX_WIDTH, MIN_WIDTH } from '../../site/src/components/cost-chart-width.ts';

const DOCS = join(import.meta.dirname, '../../site/src/content/docs');
const lessons = readdirSync(join(DOCS, 'lessons')).filter((name) => name.endsWith('.mdx'));

/** The diagrams a page draws: component name, file, and the names of the words it passes. */
function diagramsOf(path: string) {
  const text = readFileSync(path, 'utf8');
  const imports = [...text.matchAll(/^import (\w+) from '([^']*components\/diagram\/lessons\/\w+\.astro)';$/gm)];
  return imports.map(([, name, from]) => {
    const start = text.indexOf(`<${name}\n`);
    const end = text.indexOf('\n/>', start);
    const block = start >= 0 ? text.slice(start, end) : '';
    return {
      name: name!,
      file: resolve(dirname(path), from!),
      drawn: start >= 0,
      keys: [...block.matchAll(/^\s+"?(\w+)"?: /gm)].map((found) => found[1]),
      words: [...block.matchAll(/: "((?:[^"\\]|\\.)*)"/g)].map((found) => JSON.parse(`"${found[1]}"`) as string),
    };
  });
}

describe('a diagram in every lesson', () => {
  it('finds the twelve lessons', () => {
    expect(lessons).toHaveLength(12);
  });

  for (const lesson of lessons) {
    it(`${lesson} draws at least one diagram, the same in English and in Chinese`, () => {
      const english = diagramsOf(join(DOCS, 'lessons', lesson));
      const chinese = diagramsOf(join(DOCS, 'zh-cn', 'lessons', lesson));
      expect(english.length, `${lesson} imports no diagram`).toBeGreaterThan(0);
      for (const diagram of [...english, ...chinese]) {
        expect(existsSync(diagram.file), diagram.file).toBe(true);
        expect(diagram.drawn, `${lesson} imports ${diagram.name} but does not draw it`).toBe(true);
      }
      expect(chinese.map((diagram) => diagram.name)).toEqual(english.map((diagram) => diagram.name));
      expect(chinese.map((diagram) => diagram.keys)).toEqual(english.map((diagram) => diagram.keys));
      for (const diagram of chinese) {
        // The title, the description and the caption come first: each reads in Chinese.
        for (const words of diagram.words.slice(0, 3)) expect(words, `${lesson}: ${words}`).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});

describe('diagram labels', () => {
  it('breaks English at spaces, within the width', () => {
    const lines = wrapText('reuses a frozen environment, or starts one', 120, 12);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('reuses a frozen environment, or starts one');
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(120);
  });

  it('breaks Chinese between characters, never before closing nor after opening punctuation', () => {
    const text = '复用冻结的执行环境，或新启动一个（冷启动）';
    for (const width of [40, 60, 80, 100, 120]) {
      const lines = wrapText(text, width, 12);
      expect(lines.join('')).toBe(text);
      for (const line of lines) {
        expect(line, `at ${width}`).not.toMatch(/^[，。、：；！？）]/);
        expect(line, `at ${width}`).not.toMatch(/（$/);
      }
    }
    expect(wrapText('目标的死信队列 ERROR_CODE、RULE_ARN', 104, 12)).toEqual(['目标的死信队列', 'ERROR_CODE、', 'RULE_ARN']);
  });

  it('breaks a long name after a dot or a slash only when it must', () => {
    expect(wrapText('trusts lambda.amazonaws.com', 110, 12)).toEqual(['trusts lambda.', 'amazonaws.com']);
    expect(wrapText('/aws/lambda/<function name>', 110, 12)).toEqual(['/aws/lambda/', '<function name>']);
    expect(wrapText('index.mjs', 110, 12)).toEqual(['index.mjs']);
  });

  it('counts a Chinese character as wide as the font size, and bold wider than regular', () => {
    expect(textWidth('订单表', 14)).toBe(42);
    expect(textWidth('Checkout', 14, true)).toBeGreaterThan(textWidth('Checkout', 14));
  });

  it('shrinks a label that does not fit, but never below the smallest size', () => {
    const roomy = fitText('Checkout function', 'FaaS · Lambda', 114, 50);
    expect(roomy.lines.map((line) => line.size)).toEqual([14, 14, 12]);
    const tight = fitText('An Allow for this action and resource?', 'in either policy', 100, 30);
    for (const line of tight.lines) expect(line.size).toBeGreaterThanOrEqual(12);
    expect(tight.lines.filter((line) => line.bold).every((line) => line.size === 12)).toBe(true);
  });
});

describe('the cost chart', () => {
  it('is laid out for the width it is drawn at, so a phone keeps the labels at their CSS size', () => {
    expect(chartWidth(311)).toBe(311);
    expect(chartWidth(358.4)).toBe(358);
    expect(chartWidth(1000)).toBe(MAX_WIDTH);
    expect(chartWidth(120)).toBe(MIN_WIDTH);
    expect(chartWidth(0)).toBe(MAX_WIDTH);
    expect(chartWidth(undefined)).toBe(MAX_WIDTH);
  });
});
