/**
 * Unpacking a submitted zip with the limits Lambda puts on a function's code (250 MB unzipped)
 * and a cap on entries, counted on the bytes actually inflated, so a zip whose headers lie about
 * its sizes (a zip bomb) is stopped as soon as it passes the limit, before it fills the disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { WorkshopError } from '../core/errors.ts';
import { gradeMessage } from './grade-messages.ts';

function refused(...args: Parameters<typeof gradeMessage>): WorkshopError {
  return new WorkshopError('BAD_ZIP', gradeMessage(...args));
}

/** Limits of {@link unzipInto}. */
export interface UnzipLimits {
  /** Bytes all entries may inflate to together; Lambda allows 262,144,000 for a function's code. */
  maxBytes: number;
  /** Files and folders the zip may hold. */
  maxEntries: number;
}

/** The limits a submission meets: Lambda's for code, and more entries than any lab folder needs. */
export const SUBMISSION_LIMITS: UnzipLimits = { maxBytes: 262_144_000, maxEntries: 10_000 };

/** Writes a zip's entries under `dir`; refuses entries that escape it and zips over the limits. */
export function unzipInto(zip: Uint8Array, dir: string, limits: UnzipLimits = SUBMISSION_LIMITS): void {
  if (zip.length === 0) throw refused('zipEmpty');
  let total = 0;
  let entries = 0;
  let failure: Error | undefined;
  const files: Array<{ target: string; chunks: Uint8Array[] }> = [];
  // Nothing touches the disk until every entry is within the limits.
  const folders: string[] = [];
  const unzipper = new Unzip((file: UnzipFile) => {
    if (failure) return;
    entries += 1;
    if (entries > limits.maxEntries) {
      failure = refused('zipTooManyEntries', { count: limits.maxEntries });
      return;
    }
    const target = normalize(join(dir, file.name));
    if (!target.startsWith(dir + sep) || file.name.includes('\0')) {
      failure = refused('zipEscapes', { name: file.name });
      return;
    }
    if (file.name.endsWith('/')) {
      folders.push(target);
      return;
    }
    const entry = { target, chunks: [] as Uint8Array[] };
    files.push(entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      total += chunk.length;
      if (total > limits.maxBytes) {
        failure = refused('zipTooBig', { mb: Math.round(limits.maxBytes / 1_048_576) });
        file.terminate();
        return;
      }
      entry.chunks.push(chunk);
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  // Pushed in slices, so inflating stops soon after a limit is passed.
  const SLICE = 1 << 20;
  for (let offset = 0; offset < zip.length && !failure; offset += SLICE) unzipper.push(zip.subarray(offset, offset + SLICE), offset + SLICE >= zip.length);
  if (failure) throw failure;
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const file of files) {
    mkdirSync(dirname(file.target), { recursive: true });
    writeFileSync(file.target, Buffer.concat(file.chunks));
  }
}
