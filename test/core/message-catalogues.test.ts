/**
 * Every message catalogue speaks both languages alike: the same placeholders in English and
 * Chinese, Chinese text that is Chinese, and Chinese punctuation in it; and the leak detector the
 * CLI tests use finds English sentences and lets identifiers through.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogues } from '../../src/core/i18n/texts.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import '../../src/cli/messages.ts';
import '../../src/core/grader/messages.ts';
import '../../src/core/grader/orders-messages.ts';
import '../../src/grade/reports/report-messages.ts';
import '../../src/cli/command-help.ts';
import '../../src/cli/command-messages.ts';
import '../../src/core/core-messages.ts';
import '../../src/core/doctor-messages.ts';
import '../../src/grade/grade-messages.ts';
import '../../src/cli/localstack-messages.ts';

const CJK = /[\u3400-\u9fff]/;

describe('message catalogues', async () => {
  for (const file of readdirSync(new URL('../labs/', import.meta.url)).filter((name) => name.endsWith('.messages.ts'))) await import(`../labs/${file}`);

  it('are all loaded', () => {
    expect([...registeredCatalogues().keys()]).toEqual(expect.arrayContaining(['cli', 'grader', 'orders', 'report', 'lab01']));
  });

  it('use the same placeholders in both languages, and Chinese in the Chinese text', () => {
    const problems: string[] = [];
    for (const [prefix, entries] of registeredCatalogues()) {
      for (const [id, texts] of Object.entries(entries)) {
        if (placeholders(texts.en).join() !== placeholders(texts['zh-cn']).join()) problems.push(`${prefix}.${id}: placeholders differ`);
        const words = texts.en.replace(/\{\w+\}|`[^`]*`/g, '');
        if (/[a-z]{3,} [a-z]{3,}/i.test(words) && !CJK.test(texts['zh-cn'])) problems.push(`${prefix}.${id}: the Chinese text is not Chinese`);
        if (/[\u3400-\u9fff][,;:?!](\s|$)|[\u3400-\u9fff]\.(\s|$)/.test(texts['zh-cn'])) problems.push(`${prefix}.${id}: Latin punctuation after Chinese`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('englishLeaks', () => {
  it('finds English sentences and lets code, identifiers and quoted AWS words through', () => {
    expect(englishLeaks('函数没有返回 totalCents：the total is missing')).toEqual([expect.stringContaining('the total is missing')]);
    expect(englishLeaks('应抛出 ValidationError；运行 `npx workshop hint 01` 查看提示；AWS 说 "Function not found: x"')).toEqual([]);
    expect(englishLeaks('回答为 {"status":"accepted","orderId":"ord-1"}，用 console.log(JSON.stringify({ orderId })) 写一行')).toEqual([]);
  });
});
