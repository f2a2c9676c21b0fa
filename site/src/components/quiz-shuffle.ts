/**
 * The order in which a quiz shows each question's options: shuffled, so the right answer is not
 * always in the same place, but stable for one learner (the same seed gives the same order on
 * every visit). The options keep their index in the lesson as their value, so saved answers and
 * the `answer` of each question never depend on the order shown.
 */

/** The seed of the order built into the page: what readers without JavaScript or storage see. */
export const BUILD_SEED = 'site';

/** Where a learner's seed is kept in localStorage. */
export const SEED_KEY = 'workshop-quiz-seed';

/** A 32-bit FNV-1a hash of the text: turns a seed and a question into a number. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A small seeded generator of numbers in [0, 1) (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The indexes 0..count-1 in a Fisher-Yates order drawn from the seed. */
export function shuffledOrder(count: number, seed: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  const random = seededRandom(seed);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The order of one question's options for a learner's seed: each question of each quiz is shuffled apart. */
export function optionOrder(seed: string, quizId: string, question: number, count: number): number[] {
  return shuffledOrder(count, hashSeed(`${seed}:${quizId}:${question}`));
}

/** What the seed needs of localStorage (typed by shape: the kit's own tsconfig has no DOM). */
export interface SeedStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The learner's seed: kept in storage, made on the first visit; the build's seed when storage is refused. */
export function learnerSeed(storage: SeedStorage | undefined, fresh: () => string): string {
  try {
    if (!storage) return BUILD_SEED;
    const saved = storage.getItem(SEED_KEY);
    if (saved) return saved;
    const made = fresh();
    storage.setItem(SEED_KEY, made);
    // Read back: a storage that accepts writes but keeps nothing would reshuffle on every visit.
    return storage.getItem(SEED_KEY) === made ? made : BUILD_SEED;
  } catch {
    return BUILD_SEED;
  }
}
