/**
 * The learner's progress in `.workshop/progress.json`: best score, checks passed, hints shown and
 * the last result per lab. Read tolerantly (a corrupt file is reported, set aside and replaced,
 * never a crash) and written atomically (temp file + rename).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One check's result as progress keeps it. */
export interface CheckOutcome {
  id: string;
  title: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  message: string;
}

/** Progress of one lab. */
export interface LabProgress {
  bestScore: number;
  maxScore: number;
  checksPassed: string[];
  hintsShown: number;
  lastRun: string | undefined;
  lastResult: { checks: CheckOutcome[] } | undefined;
}

/** The whole progress file. */
export interface ProgressFile {
  version: 1;
  labs: Record<string, LabProgress>;
}

/** Where progress lives for a project folder. */
export function progressPath(root: string): string {
  return join(root, '.workshop', 'progress.json');
}

function empty(): ProgressFile {
  return { version: 1, labs: {} };
}

/** Reads progress; `warn` hears about a corrupt file, which is moved aside. */
export function readProgress(file: string, warn: (message: string) => void = () => {}): ProgressFile {
  if (!existsSync(file)) return empty();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as ProgressFile;
    if (data?.version !== 1 || typeof data.labs !== 'object' || data.labs === null) throw new Error('unknown format');
    return data;
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    warn(`your progress file could not be read (${(error as Error).message}); it was moved to ${aside} and progress starts fresh`);
    return empty();
  }
}

/** Writes progress atomically. */
export function writeProgress(file: string, progress: ProgressFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temp, file);
}

/** Returns a lab's progress, creating an empty entry. */
export function labProgress(progress: ProgressFile, labId: string, maxScore: number): LabProgress {
  const entry = (progress.labs[labId] ??= { bestScore: 0, maxScore, checksPassed: [], hintsShown: 0, lastRun: undefined, lastResult: undefined });
  entry.maxScore = maxScore;
  return entry;
}

/** Records a check run: the last result, and the best score and passed checks so far. */
export function recordRun(progress: ProgressFile, labId: string, checks: CheckOutcome[], at = new Date()): LabProgress {
  const maxScore = checks.reduce((sum, check) => sum + check.maxPoints, 0);
  const entry = labProgress(progress, labId, maxScore);
  const score = checks.reduce((sum, check) => sum + check.points, 0);
  entry.bestScore = Math.max(entry.bestScore, score);
  entry.checksPassed = [...new Set([...entry.checksPassed, ...checks.filter((check) => check.passed).map((check) => check.id)])];
  entry.lastRun = at.toISOString();
  entry.lastResult = { checks };
  return entry;
}
