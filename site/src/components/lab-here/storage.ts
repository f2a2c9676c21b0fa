/**
 * What the panel keeps in the browser (localStorage): the learner's edited files per lab, and
 * the progress file the CLI keeps in `.workshop/progress.json`, in the same format. Read
 * tolerantly: anything unreadable reads as nothing saved, never a broken panel.
 */
import { emptyProgress, progressFromJson, progressText, type HintOrder, type ProgressFile } from '../../../../src/core/progress-data.ts';

const FILES_KEY = 'workshop-lab-here:files:';
/** The progress of every lab done in the page, as one progress file. */
export const PROGRESS_KEY = 'workshop-lab-here:progress';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    // Storage may be refused (a private window, a full quota); the page then forgets on reload.
    return null;
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // As above: nothing to keep them in, the edits stay in the editor.
  }
}

/** The lab's files: the saved text of each file the learner edited, the starter for the others. */
export function savedFiles(labId: string, starters: Record<string, string>): Record<string, string> {
  let saved: unknown;
  try {
    saved = JSON.parse(read(FILES_KEY + labId) ?? '{}');
  } catch {
    saved = {};
  }
  const files = { ...starters };
  if (typeof saved === 'object' && saved !== null) {
    for (const [name, text] of Object.entries(saved)) if (Object.hasOwn(starters, name) && typeof text === 'string') files[name] = text;
  }
  return files;
}

/** Keeps the lab's files; `undefined` forgets them (the starter comes back). */
export function saveFiles(labId: string, files: Record<string, string> | undefined): void {
  write(FILES_KEY + labId, files === undefined ? undefined : JSON.stringify(files));
}

/** The progress kept in this browser; `hintOrder` turns an old hint count into ids. */
export function storedProgress(hintOrder: HintOrder): ProgressFile {
  try {
    return progressFromJson(JSON.parse(read(PROGRESS_KEY) ?? 'null'), hintOrder) ?? emptyProgress();
  } catch {
    return emptyProgress();
  }
}

/** Keeps `progress` in this browser. */
export function storeProgress(progress: ProgressFile): void {
  write(PROGRESS_KEY, progressText(progress));
}
