// What the lessons say about the kit's emulator stays what the emulator does: its settings' defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/emulator/emulator.ts';

const DOCS = join(import.meta.dirname, '../../site/src/content/docs');
const both = (lesson: string) => [readFileSync(join(DOCS, 'lessons', lesson), 'utf8'), readFileSync(join(DOCS, 'zh-cn/lessons', lesson), 'utf8')];

describe('the lessons on the emulator\'s defaults', () => {
  it('give the PutEvents size limit the emulator enforces (lesson 6)', () => {
    expect(DEFAULT_SETTINGS.eventEntryLimitBytes).toBe(1024 * 1024);
    for (const text of both('06-events-with-eventbridge.mdx')) {
      expect(text).toContain('`eventEntryLimitBytes`');
      expect(text).toMatch(/1 MB/);
    }
  });

  it('give how long new functions stay Pending and new tables CREATING (lessons 4 and 5)', () => {
    expect(DEFAULT_SETTINGS.lambdaStateDelayMs).toBe(250);
    expect(DEFAULT_SETTINGS.dynamodbStateDelayMs).toBe(250);
    const [en4, zh4] = both('04-deploying-functions.mdx');
    const [en5, zh5] = both('05-baas-with-dynamodb.mdx');
    for (const [text, setting] of [[en4, 'lambdaStateDelayMs'], [zh4, 'lambdaStateDelayMs'], [en5, 'dynamodbStateDelayMs'], [zh5, 'dynamodbStateDelayMs']] as const) {
      expect(text).toContain(`\`${setting}\``);
    }
    for (const text of [en4, en5]) expect(text).toContain('a quarter of a second');
    for (const text of [zh4, zh5]) expect(text).toContain('四分之一秒');
  });
});
