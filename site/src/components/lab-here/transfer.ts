/**
 * Files in and out of the panel: the lab's files as a zip (paths under `labs/<id>/`, so it
 * unzips into a copy of the kit), and the progress file exported and imported in the CLI's own
 * format (`.workshop/progress.json`).
 */
import { strToU8, zipSync } from 'fflate';
import { progressFromJson, progressText, type HintOrder, type ProgressFile } from '../../../../src/core/progress-data.ts';

/** Hands `data` to the browser as a download named `name`. */
export function saveAs(name: string, data: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by the next task; keeping it longer only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The zip's name for lab `labId`. */
export function zipName(labId: string): string {
  return `${labId}.zip`;
}

/** The lab's files as a zip, each at `labs/<id>/<file>`. */
export function labZip(labId: string, files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([file, text]) => [`labs/${labId}/${file}`, strToU8(text)])), { level: 6 });
}

/** The progress file's download: its name and text. */
export function progressDownload(progress: ProgressFile): { name: string; text: string } {
  return { name: 'progress.json', text: progressText(progress) };
}

/** Why a chosen file is not progress. */
export class NotProgress extends Error {
  constructor(readonly why: 'notJson' | 'unknownFormat') {
    super(why);
    this.name = 'NotProgress';
  }
}

/** Reads the text of a chosen progress file tolerantly (a field of the wrong type reads as empty); throws {@link NotProgress} when it is none. */
export function readProgressText(text: string, hintOrder: HintOrder): ProgressFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new NotProgress('notJson');
  }
  const progress = progressFromJson(data, hintOrder);
  if (!progress) throw new NotProgress('unknownFormat');
  return progress;
}
