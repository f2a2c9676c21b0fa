/**
 * The uids learner code runs as under a root kit: one per owner, never shared by two owners,
 * whether they are in this process or in another kit process of the machine (a grading worker).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEARNER_UIDS, learnerUid } from '../../src/sandbox/limits.ts';

const LIMITS = fileURLToPath(new URL('../../src/sandbox/limits.ts', import.meta.url));
const inRange = (uid: number | undefined) => uid !== undefined && uid >= LEARNER_UIDS.first && uid < LEARNER_UIDS.first + LEARNER_UIDS.count;

describe.skipIf(process.getuid?.() !== 0)('learner uids under a root kit', () => {
  it('gives 200 owners 200 different uids, and the same owner the same uid', () => {
    const owners = Array.from({ length: 200 }, (_, index) => `submission-${index}`);
    const uids = owners.map((owner) => learnerUid(owner));
    expect(uids.every(inRange)).toBe(true);
    expect(new Set(uids).size).toBe(200);
    expect(owners.map((owner) => learnerUid(owner))).toEqual(uids);
  });

  it('never gives another kit process’s owner a uid this process holds', () => {
    const mine = ['account-a', 'account-b', 'account-c', ...Array.from({ length: 200 }, (_, index) => `submission-${index}`)].map((owner) => learnerUid(owner));
    const script = `const { learnerUid } = await import(${JSON.stringify(LIMITS)}); console.log(JSON.stringify(['x', 'y', 'z'].map((owner) => learnerUid(owner))));`;
    const theirs = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 })) as number[];
    expect(theirs.every(inRange)).toBe(true);
    expect(theirs.filter((uid) => mine.includes(uid))).toEqual([]);
  });
});
