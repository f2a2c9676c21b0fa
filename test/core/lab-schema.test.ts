/** lab.json holds every learner-facing text in both languages: a missing translation is an error naming the field. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabDefinition } from '../../src/core/lab-schema.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab, listLabs } from '../../src/core/labs.ts';

const folder = mkdtempSync(join(tmpdir(), 'lab-schema-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function withLab(change: (lab: any) => void): string {
  const lab = JSON.parse(readFileSync(join(KIT_ROOT, 'labs', findLab('01').id, 'lab.json'), 'utf8'));
  change(lab);
  writeFileSync(join(folder, 'lab.json'), JSON.stringify(lab));
  return folder;
}

describe('lab.json', () => {
  it('has every title and hint of every lab in English and Chinese', () => {
    for (const lab of listLabs()) {
      const { title, checks, hints } = lab.definition;
      for (const texts of [title, ...checks.map((check) => check.title), ...Object.values(hints)]) {
        expect(texts.en.length, lab.id).toBeGreaterThan(0);
        expect(texts['zh-cn'], lab.id).toMatch(/[\u3400-\u9fff]/);
        // `npm run new:lab` marks the Chinese it could not write; a lab is not done until it is translated.
        expect(texts['zh-cn'], lab.id).not.toContain('待翻译');
      }
    }
  });

  it('is refused when a hint lacks its Chinese text, naming the field', () => {
    const dir = withLab((lab) => delete lab.hints['sum-lines']['zh-cn']);
    expect(() => readLabDefinition(dir)).toThrow(/field "hints\.sum-lines\.zh-cn"/);
  });

  it('is refused when a check title is a plain string', () => {
    const dir = withLab((lab) => (lab.checks[0].title = 'Accepts a valid order'));
    expect(() => readLabDefinition(dir)).toThrow(/field "checks\.0\.title"/);
  });
});
