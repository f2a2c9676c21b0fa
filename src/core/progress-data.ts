/**
 * The progress file's data without the file: its shape, reading parsed JSON tolerantly, and
 * recording runs. Pure (no node:fs), so the lab page keeps the same `.workshop/progress.json` in
 * the browser that the CLI keeps on disk; progress.ts adds reading and writing the file.
 */
import type { Texts } from './i18n/texts.ts';

/** One check's result as progress keeps it. */
export interface CheckOutcome {
  id: string;
  /** The title in English, a stable label; lab.json has it in every language. */
  title: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** The reason in English, a stable label. */
  message: string;
  /** The reason in every language (absent in records written before the kit spoke two). */
  texts?: Texts;
}

/** Progress of one lab. */
export interface LabProgress {
  bestScore: number;
  maxScore: number;
  checksPassed: string[];
  /** Ids of the hints revealed (from lab.json), in the order they were shown. */
  hintsRevealed: string[];
  lastRun: string | undefined;
  lastResult: { checks: CheckOutcome[] } | undefined;
}

/** The whole progress file. */
export interface ProgressFile {
  version: 1;
  labs: Record<string, LabProgress>;
}

/** A lab's hint ids in reveal order with no check left out, or none when the kit has no such lab. */
export type HintOrder = (labId: string) => readonly string[];

/** Progress with no lab started. */
export function emptyProgress(): ProgressFile {
  return { version: 1, labs: {} };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const strings = (value: unknown): string[] => (Array.isArray(value) ? [...new Set(value.filter((item) => typeof item === 'string'))] : []);

function isTexts(value: unknown): value is Texts {
  return isRecord(value) && typeof value.en === 'string' && typeof value['zh-cn'] === 'string';
}

function checkOutcome(value: unknown): CheckOutcome | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.passed !== 'boolean') return undefined;
  return {
    ...value,
    id: value.id,
    title: typeof value.title === 'string' ? value.title : value.id,
    passed: value.passed,
    points: isCount(value.points) ? value.points : 0,
    maxPoints: isCount(value.maxPoints) ? value.maxPoints : 0,
    message: typeof value.message === 'string' ? value.message : '',
    texts: isTexts(value.texts) ? value.texts : undefined,
  };
}

/**
 * One lab's entry as read. Files written before hints were kept by id hold a count
 * (`hintsShown`) instead: it becomes the first hints of the lab's full sequence.
 */
function readLabEntry(labId: string, value: unknown, hintOrder: HintOrder): LabProgress {
  const raw = isRecord(value) ? value : {};
  let hintsRevealed = strings(raw.hintsRevealed);
  if (!Array.isArray(raw.hintsRevealed) && isCount(raw.hintsShown) && raw.hintsShown > 0) {
    hintsRevealed = hintOrder(labId).slice(0, Math.floor(raw.hintsShown));
  }
  const checks = isRecord(raw.lastResult) && Array.isArray(raw.lastResult.checks) ? raw.lastResult.checks.flatMap((check) => checkOutcome(check) ?? []) : undefined;
  return {
    bestScore: isCount(raw.bestScore) ? raw.bestScore : 0,
    maxScore: isCount(raw.maxScore) ? raw.maxScore : 0,
    checksPassed: strings(raw.checksPassed),
    hintsRevealed,
    lastRun: typeof raw.lastRun === 'string' ? raw.lastRun : undefined,
    lastResult: checks ? { checks } : undefined,
  };
}

/** Progress from parsed JSON, or undefined when it is not a progress file at all; a field of the wrong type reads as empty. */
export function progressFromJson(data: unknown, hintOrder: HintOrder): ProgressFile | undefined {
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.labs)) return undefined;
  const labs: Record<string, LabProgress> = {};
  for (const [labId, entry] of Object.entries(data.labs)) {
    // JSON may hold an own "__proto__" key; assigning it would replace the object's prototype.
    if (labId !== '__proto__') labs[labId] = readLabEntry(labId, entry, hintOrder);
  }
  return { version: 1, labs };
}

/** The text of a progress file, as the CLI writes it. */
export function progressText(progress: ProgressFile): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/** Returns a lab's progress, creating an empty entry. */
export function labProgress(progress: ProgressFile, labId: string, maxScore: number): LabProgress {
  const entry = (progress.labs[labId] ??= { bestScore: 0, maxScore, checksPassed: [], hintsRevealed: [], lastRun: undefined, lastResult: undefined });
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
