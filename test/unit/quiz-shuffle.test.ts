// The quizzes' option order: stable for one seed, every order reachable, the right answer's id kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SEED, learnerSeed, optionOrder, SEED_KEY, shuffledOrder, type SeedStorage } from '../../site/src/components/quiz-shuffle.ts';

const DOCS = join(import.meta.dirname, '../../site/src/content/docs');

/** A Map-backed storage, optionally refusing reads or writes as private windows can. */
function memoryStorage(refuse?: 'read' | 'write' | 'forget'): SeedStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem(key) {
      if (refuse === 'read') throw new Error('SecurityError');
      return items.get(key) ?? null;
    },
    setItem(key, value) {
      if (refuse === 'write') throw new Error('QuotaExceededError');
      if (refuse !== 'forget') items.set(key, value);
    },
  };
}

describe('the order of a question\'s options', () => {
  it('is the same for the same seed, quiz and question, and differs between questions', () => {
    expect(optionOrder('learner-1', 'lesson-03', 0, 4)).toEqual(optionOrder('learner-1', 'lesson-03', 0, 4));
    const orders = new Set(Array.from({ length: 8 }, (_, question) => optionOrder('learner-1', 'lesson-03', question, 4).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('is a permutation of every option, so each id (the lesson\'s index) is still shown once', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      for (const count of [2, 3, 4, 5]) expect([...shuffledOrder(count, seed)].sort()).toEqual(Array.from({ length: count }, (_, i) => i));
    }
  });

  it('reaches every order, about equally often', () => {
    for (const count of [2, 3, 4]) {
      const seen = new Map<string, number>();
      const draws = 6000;
      for (let n = 0; n < draws; n += 1) {
        const order = optionOrder(`learner-${n}`, 'lesson-06', 2, count).join();
        seen.set(order, (seen.get(order) ?? 0) + 1);
      }
      const factorial = [1, 1, 2, 6, 24][count]!;
      expect(seen.size).toBe(factorial);
      for (const times of seen.values()) expect(times).toBeGreaterThan((draws / factorial) * 0.7);
    }
  });

  it('moves the right answer away from the second place the lessons mostly write it in', () => {
    const placed: number[] = [0, 0, 0];
    for (let n = 0; n < 3000; n += 1) placed[optionOrder(`learner-${n}`, 'lesson-08', 1, 3).indexOf(1)]! += 1;
    for (const times of placed) expect(times).toBeGreaterThan(800);
  });

  it('spreads the lessons\' answers over the places in the order built into the pages', () => {
    const places = new Map<number, number>();
    let questions = 0;
    for (const name of readdirSync(join(DOCS, 'lessons'))) {
      const text = readFileSync(join(DOCS, 'lessons', name), 'utf8');
      const id = /<Quiz\s+id="([^"]+)"/.exec(text)?.[1];
      if (!id) continue;
      const blocks = [...text.matchAll(/options: \[([\s\S]*?)\],\s*answer: (\d+)/g)];
      blocks.forEach((block, index) => {
        const count = block[1]!.split('\n').filter((line) => line.trim() !== '').length;
        const shown = optionOrder(BUILD_SEED, id, index, count).indexOf(Number(block[2]));
        places.set(shown, (places.get(shown) ?? 0) + 1);
        questions += 1;
      });
    }
    expect(questions).toBeGreaterThan(40);
    // No place holds more than half of the answers (before shuffling, the second held 42 of 51).
    for (const times of places.values()) expect(times).toBeLessThan(questions / 2);
  });
});

describe('the learner\'s seed', () => {
  it('is made once, kept in storage and used on every later visit', () => {
    const storage = memoryStorage();
    const first = learnerSeed(storage, () => 'seed-a');
    expect(first).toBe('seed-a');
    expect(storage.items.get(SEED_KEY)).toBe('seed-a');
    expect(learnerSeed(storage, () => 'seed-b')).toBe('seed-a');
  });

  it('falls back to the build\'s seed, the order the page was built with, when storage is missing or refused', () => {
    expect(learnerSeed(undefined, () => 'seed-a')).toBe(BUILD_SEED);
    expect(learnerSeed(memoryStorage('read'), () => 'seed-a')).toBe(BUILD_SEED);
    expect(learnerSeed(memoryStorage('write'), () => 'seed-a')).toBe(BUILD_SEED);
    expect(learnerSeed(memoryStorage('forget'), () => 'seed-a')).toBe(BUILD_SEED);
  });
});
