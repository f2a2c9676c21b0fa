/**
 * The learner's progress in `.workshop/progress.json`: best score, checks passed, hints revealed
 * and the last result per lab. Read tolerantly (a corrupt file is reported, set aside and
 * replaced; a field of the wrong type reads as empty; never a crash) and written atomically
 * (temp file + rename). The data itself, without the file, is progress-data.ts (the lab page uses it too).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fullHintSequence } from './hints.ts';
import { findLab } from './labs.ts';
import { inLanguage } from './i18n/texts.ts';
import { coreMessage } from './core-messages.ts';
import { emptyProgress, progressFromJson, progressText, type HintOrder, type ProgressFile } from './progress-data.ts';

export { labProgress, recordRun, type CheckOutcome, type HintOrder, type LabProgress, type ProgressFile } from './progress-data.ts';

/** Where progress lives for a project folder. */
export function progressPath(root: string): string {
  return join(root, '.workshop', 'progress.json');
}

/** The kit's own labs decide the order; a lab it no longer has, or a broken lab.json (which the command reports itself), has none. */
function kitHintOrder(labId: string): readonly string[] {
  try {
    return fullHintSequence(findLab(labId).definition).map((step) => step.id);
  } catch {
    return [];
  }
}

/** Reads progress; `warn` hears (in the learner's language) about a corrupt file, which is moved aside; `hintOrder` turns an old hint count into ids. */
export function readProgress(file: string, warn: (message: string) => void = () => {}, hintOrder: HintOrder = kitHintOrder): ProgressFile {
  if (!existsSync(file)) return emptyProgress();
  try {
    const progress = progressFromJson(JSON.parse(readFileSync(file, 'utf8')), hintOrder);
    if (!progress) throw new Error(inLanguage(coreMessage('progressUnknownFormat')));
    return progress;
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    warn(inLanguage(coreMessage('progressUnreadable', { reason: (error as Error).message, aside })));
    return emptyProgress();
  }
}

/** Writes progress atomically. */
export function writeProgress(file: string, progress: ProgressFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, progressText(progress));
  renameSync(temp, file);
}
