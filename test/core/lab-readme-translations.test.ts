/**
 * Every lab's README.zh-cn.md is the same document as its README.md in Chinese: the graders hold
 * the English README to its numbers, so the translation keeps its headings, its code blocks byte
 * for byte, its link targets and its numbers. A Chinese paragraph stays on one line, since a
 * browser shows a line break inside it as a stray space.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { scaffoldLab } from '../../src/core/scaffold.ts';

const CJK = /[\p{Script=Han}\u3000-\u303f\uff01-\uff65]/u;
const FENCE = /^(`{3,}|~{3,})/;
// Lines that start a block of their own, so they never continue the line before them.
const BLOCK_START = /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||<|`{3,}|~{3,})/;

interface Line { text: string; block: number | undefined }

/** The README's lines, each with the number of the fenced code block it lies in (fences included). */
function linesOf(markdown: string): Line[] {
  let fence: string | undefined;
  let blocks = 0;
  return markdown.split('\n').map((text) => {
    const trimmed = text.trim();
    if (fence) {
      const block = blocks - 1;
      if (trimmed.startsWith(fence) && /^[`~]+$/.test(trimmed)) fence = undefined;
      return { text, block };
    }
    const open = FENCE.exec(trimmed);
    if (!open) return { text, block: undefined };
    fence = open[1];
    return { text, block: blocks++ };
  });
}

/** The fenced code blocks, each with its fence lines, in document order. */
function codeBlocks(markdown: string): string[] {
  const blocks: string[][] = [];
  for (const line of linesOf(markdown)) if (line.block !== undefined) (blocks[line.block] ??= []).push(line.text);
  return blocks.map((lines) => lines.join('\n'));
}

/** The prose lines (outside code blocks) with inline code removed. */
function prose(markdown: string): string[] {
  return linesOf(markdown).filter((line) => line.block === undefined).map((line) => line.text.replace(/`[^`\n]*`/g, ''));
}

/** The level of every ATX heading, in order. */
function headingLevels(markdown: string): number[] {
  return prose(markdown).flatMap((line) => /^(#{1,6})\s/.exec(line)?.[1]!.length ?? []);
}

/** The targets of the inline links, sorted and without repeats. */
function linkTargets(markdown: string): string[] {
  const targets = prose(markdown).flatMap((line) => [...line.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]!));
  return [...new Set(targets)].sort();
}

/** The numbers written in the prose (not in code or link targets), sorted and without repeats. */
function proseNumbers(markdown: string): string[] {
  const numbers = prose(markdown).flatMap((line) => line.replace(/\]\([^)]*\)/g, ']').match(/\d+(?:\.\d+)?/g) ?? []);
  return [...new Set(numbers)].sort();
}

/** Lines with CJK text that the next line continues as the same paragraph (1-based line numbers). */
function hardWrappedLines(markdown: string): number[] {
  const lines = linesOf(markdown);
  const wrapped: number[] = [];
  lines.forEach((line, index) => {
    const next = lines[index + 1];
    if (line.block !== undefined || !next || next.block !== undefined || !CJK.test(line.text) || /^#{1,6}\s/.test(line.text)) return;
    if (next.text.trim() !== '' && !BLOCK_START.test(next.text)) wrapped.push(index + 1);
  });
  return wrapped;
}

/** What differs between an English README and its translation, as readable lines (empty when they match). */
function translationProblems(english: string, chinese: string | undefined): string[] {
  if (chinese === undefined) return ['README.zh-cn.md is missing: translate README.md into it'];
  const problems: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what} differ: README.md ${JSON.stringify(a)}, README.zh-cn.md ${JSON.stringify(b)}`);
  };
  compare('heading levels', headingLevels(english), headingLevels(chinese));
  const [blocksEn, blocksZh] = [codeBlocks(english), codeBlocks(chinese)];
  if (blocksEn.length !== blocksZh.length) problems.push(`code blocks differ: README.md has ${blocksEn.length}, README.zh-cn.md ${blocksZh.length}`);
  else blocksEn.forEach((block, index) => {
    if (block !== blocksZh[index]) problems.push(`code blocks differ: block ${index + 1} of README.zh-cn.md must be byte for byte README.md's:\n${block}`);
  });
  compare('link targets', linkTargets(english), linkTargets(chinese));
  compare('numbers', proseNumbers(english), proseNumbers(chinese));
  if (chinese.includes('待翻译')) problems.push('README.zh-cn.md still says 待翻译 (a scaffolded lab): translate those parts');
  for (const line of hardWrappedLines(chinese)) problems.push(`README.zh-cn.md line ${line} is a Chinese paragraph broken over two lines: join them`);
  return problems;
}

/** The problems of every lab folder under `labsDir`, by lab id. */
function labTranslationProblems(labsDir: string): Record<string, string[]> {
  const labs = readdirSync(labsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, 'README.md')));
  return Object.fromEntries(labs.map(({ name }) => {
    const read = (file: string) => (existsSync(join(labsDir, name, file)) ? readFileSync(join(labsDir, name, file), 'utf8') : undefined);
    return [name, translationProblems(read('README.md')!, read('README.zh-cn.md'))];
  }));
}

const LABS = join(KIT_ROOT, 'labs');

describe('the Chinese lab READMEs', () => {
  const problems = labTranslationProblems(LABS);

  it('cover every lab', () => {
    expect(Object.keys(problems).sort()).toEqual(readdirSync(LABS).filter((name) => /^\d{2}-/.test(name)).sort());
  });

  for (const [lab, found] of Object.entries(problems)) {
    it(`${lab}: README.zh-cn.md has README.md's headings, code blocks, links and numbers, one line per paragraph`, () => {
      expect(found).toEqual([]);
      const chinese = readFileSync(join(LABS, lab, 'README.zh-cn.md'), 'utf8');
      expect(codeBlocks(chinese).length).toBeGreaterThan(0);
      expect(chinese.split('\n')[0]).toMatch(/^# 实验 \d{2}：/);
    });
  }
});

describe('the translation check', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A throw-away labs folder holding copies of the kit's lab 01 READMEs, changed by `edit`. */
  function labsWith(edit: (files: { en: string; zh?: string }) => { en: string; zh?: string }): string {
    const dir = mkdtempSync(join(tmpdir(), 'readme-zh-'));
    folders.push(dir);
    const source = join(LABS, '01-first-handler');
    const files = edit({ en: readFileSync(join(source, 'README.md'), 'utf8'), zh: readFileSync(join(source, 'README.zh-cn.md'), 'utf8') });
    mkdirSync(join(dir, '01-first-handler'));
    writeFileSync(join(dir, '01-first-handler', 'README.md'), files.en);
    if (files.zh !== undefined) writeFileSync(join(dir, '01-first-handler', 'README.zh-cn.md'), files.zh);
    return dir;
  }

  it('passes an unchanged copy', () => {
    expect(labTranslationProblems(labsWith((files) => files))['01-first-handler']).toEqual([]);
  });

  it('reports a missing README.zh-cn.md', () => {
    expect(labTranslationProblems(labsWith(({ en }) => ({ en })))['01-first-handler']).toEqual([expect.stringContaining('README.zh-cn.md is missing')]);
  });

  it('reports a code block that differs by one character', () => {
    const found = labTranslationProblems(labsWith(({ en, zh }) => ({ en, zh: zh!.replace('"quantity": 2', '"quantity": 3') })))['01-first-handler']!;
    expect(found).toEqual([expect.stringContaining('code blocks differ')]);
  });

  it('reports a moved heading, a changed link, a changed number and a wrapped Chinese paragraph', () => {
    const found = labTranslationProblems(labsWith(({ en, zh }) => ({
      en,
      zh: zh!.replace('# 实验 01', '## 实验 01').replace('/lessons/03-functions/', '/zh-cn/lessons/03-functions/').replace('总额是 3000', '总额是 3100').replace('再加税。', '再加税。\n'),
    })))['01-first-handler']!;
    expect(found).toEqual([
      expect.stringContaining('heading levels differ'),
      expect.stringContaining('link targets differ'),
      expect.stringContaining('numbers differ'),
      expect.stringMatching(/line 15 is a Chinese paragraph broken/),
    ]);
  });

  it("finds a scaffolded lab's READMEs alike, with only the title left to translate", () => {
    const root = mkdtempSync(join(tmpdir(), 'readme-zh-'));
    folders.push(root);
    scaffoldLab(root, '07-order-events', 'Order events');
    expect(labTranslationProblems(join(root, 'labs'))).toEqual({ '07-order-events': [expect.stringContaining('still says 待翻译')] });
  });

  it('accepts a Chinese line followed by a list, a heading, a fence or a blank line', () => {
    expect(hardWrappedLines('它必须：\n\n- 一\n- 二\n1. 三\n## 四\n五：\n```\ncode\n```\n')).toEqual([]);
    expect(hardWrappedLines('第一行\n第二行\n')).toEqual([1]);
  });
});
