import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useLanguage } from '../../src/core/i18n/language.ts';
import { hintState } from '../../src/core/hints.ts';
import { findLab } from '../../src/core/labs.ts';
import { labProgress, progressPath, readProgress, recordRun, writeProgress } from '../../src/core/progress.ts';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A progress file holding `content` (JSON unless a string) in a throw-away folder. */
function progressFile(content: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'workshop-progress-'));
  folders.push(root);
  const file = progressPath(root);
  mkdirSync(join(root, '.workshop'));
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const lab02 = findLab('02');
const passedFirst = { checks: [{ id: 'creates-function', title: 'Creates', passed: true, points: 3, maxPoints: 3, message: 'passed' }] };

describe('reading progress files written before hints were kept by id', () => {
  it('turns a count of hints shown into the first hints of the full sequence, passed checks included', () => {
    const file = progressFile({ version: 1, labs: { '02-deploy-with-sdk': { bestScore: 3, maxScore: 10, checksPassed: ['creates-function'], hintsShown: 3, lastRun: '2026-01-01T00:00:00.000Z', lastResult: passedFirst } } });
    const entry = readProgress(file).labs['02-deploy-with-sdk']!;
    expect(entry.hintsRevealed).toEqual(['create-function-input', 'return-the-arn', 'pending-state']);
    expect(entry).toMatchObject({ bestScore: 3, maxScore: 10, checksPassed: ['creates-function'], lastRun: '2026-01-01T00:00:00.000Z' });
    expect(entry).not.toHaveProperty('hintsShown');
    expect(hintState(lab02.definition, entry).next?.id).toBe('active-waiter');
  });

  it('caps a count larger than the lab has, and reads a count for a lab the kit no longer has as none', () => {
    const file = progressFile({ version: 1, labs: { '02-deploy-with-sdk': { hintsShown: 99 }, '77-gone': { hintsShown: 2 } } });
    const progress = readProgress(file);
    expect(progress.labs['02-deploy-with-sdk']!.hintsRevealed).toHaveLength(8);
    expect(progress.labs['77-gone']!.hintsRevealed).toEqual([]);
  });

  it('prefers the ids when a file has both', () => {
    const file = progressFile({ version: 1, labs: { '02-deploy-with-sdk': { hintsShown: 5, hintsRevealed: ['pending-state'] } } });
    expect(readProgress(file).labs['02-deploy-with-sdk']!.hintsRevealed).toEqual(['pending-state']);
  });

  it('writes the ids back and drops the old count', () => {
    const file = progressFile({ version: 1, labs: { '02-deploy-with-sdk': { bestScore: 0, maxScore: 10, checksPassed: [], hintsShown: 1 } } });
    writeProgress(file, readProgress(file));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.labs['02-deploy-with-sdk'].hintsRevealed).toEqual(['create-function-input']);
    expect(written.labs['02-deploy-with-sdk']).not.toHaveProperty('hintsShown');
    expect(readdirSync(join(file, '..'))).toEqual(['progress.json']);
  });
});

describe('reading progress entries of the wrong shape', () => {
  const emptyEntry = { bestScore: 0, maxScore: 0, checksPassed: [], hintsRevealed: [], lastRun: undefined, lastResult: undefined };

  it('reads an entry that is not an object as an empty entry', () => {
    const file = progressFile({ version: 1, labs: { '01-first-handler': 'done', '02-deploy-with-sdk': null, '03-orders-table': [1, 2] } });
    const warnings: string[] = [];
    const progress = readProgress(file, (message) => warnings.push(message));
    expect(warnings).toEqual([]);
    for (const id of ['01-first-handler', '02-deploy-with-sdk', '03-orders-table']) expect(progress.labs[id]).toEqual(emptyEntry);
  });

  it('reads each field of the wrong type as empty, keeps the fields that are right, and never crashes later', () => {
    const file = progressFile({
      version: 1,
      labs: {
        '02-deploy-with-sdk': {
          bestScore: 'ten', maxScore: -4, checksPassed: 5, hintsRevealed: [7, 'pending-state', null, 'pending-state'], hintsShown: 'many', lastRun: 12,
          lastResult: { checks: ['x', { id: 'creates-function', passed: 'yes' }, { id: 'active-on-return', passed: false }] },
        },
        '01-first-handler': { bestScore: 7, hintsShown: 'two', lastResult: 'broken' },
      },
    });
    const progress = readProgress(file);
    expect(progress.labs['02-deploy-with-sdk']).toEqual({
      ...emptyEntry,
      hintsRevealed: ['pending-state'],
      lastResult: { checks: [{ id: 'active-on-return', title: 'active-on-return', passed: false, points: 0, maxPoints: 0, message: '' }] },
    });
    expect(progress.labs['01-first-handler']).toEqual({ ...emptyEntry, bestScore: 7 });
    const entry = labProgress(progress, '02-deploy-with-sdk', 10);
    expect(hintState(lab02.definition, entry).next?.id).toBe('create-function-input');
    recordRun(progress, '02-deploy-with-sdk', passedFirst.checks);
    expect(entry.checksPassed).toEqual(['creates-function']);
  });

  it('still sets aside a file that is not progress at all, with labs that are a list', () => {
    const file = progressFile({ version: 1, labs: [] });
    const warnings: string[] = [];
    expect(readProgress(file, (message) => warnings.push(message))).toEqual({ version: 1, labs: {} });
    expect(warnings[0]).toContain('could not be read (unknown format)');
    expect(existsSync(file)).toBe(false);
  });

  it('warns about an unreadable file in the learner\'s language', () => {
    const file = progressFile({ version: 2 });
    const warnings: string[] = [];
    useLanguage('zh-cn');
    try {
      readProgress(file, (message) => warnings.push(message));
    } finally {
      useLanguage('en');
    }
    expect(warnings[0]).toMatch(/^无法读取你的进度文件（格式无法识别）；它已被移到 .+\.corrupt-\d+，进度从头开始$/);
  });
});
