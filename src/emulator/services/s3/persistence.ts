/**
 * S3 state as rows: one per bucket (its settings), one per object and one per multipart upload,
 * with every body over 16 KB (and every part) in its own file beside the database. Once written,
 * such a body is read from its file when asked for, so memory does not grow with what S3 holds.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { takeChanges, track } from '../../persistence/changes.ts';
import { rowKey, rowPrefix, withoutMembers, type BodyFiles, type Persistence, type RowWriter, type SavedRow, type SetAside } from '../../persistence/rows.ts';
import { kindOf, shapeProblem } from '../../persistence/whole-scope.ts';
import { createS3State, type Bucket, type MultipartUpload, type S3Object, type S3State, type UploadedPart } from './model.ts';
import { objectRowKey, uploadRowKey } from './stored.ts';

type WithBody = { body: Buffer; size: number };

/** Bodies up to this size stay in their row (and in memory): a file per small object costs more than it saves. */
const INLINE_BODY_BYTES = 16 * 1024;

/** The file that holds a body already written, by name and by path. */
const bodyFileOf = new WeakMap<object, string>();
const bodyPathOf = new WeakMap<object, string>();
/** Per bucket name: the files each row uses, so a replaced or deleted row's files are removed. */
const rowFiles = new WeakMap<S3State, Map<string, Map<string, string[]>>>();

/** How S3's state is written to and read from the state database. */
export const s3Persistence: Persistence<S3State> = {
  save(state, rows) {
    const files = filesOf(state);
    for (const [name, bucket] of state.buckets) {
      rows.putIfChanged(rowKey('bucket', name), withoutMembers(bucket, ['objects', 'uploads']));
      const used = files.get(name) ?? new Map<string, string[]>();
      files.set(name, used);
      if (track(bucket)) {
        takeChanges(bucket);
        rows.deletePrefix(rowPrefix('object', name));
        rows.deletePrefix(rowPrefix('upload', name));
        for (const object of bucket.objects.values()) writeRow(rows, used, objectRowKey(name, object.key), object);
        for (const upload of bucket.uploads.values()) writeRow(rows, used, uploadRowKey(name, upload.uploadId), upload);
      } else {
        for (const [key, value] of takeChanges(bucket) ?? []) writeRow(rows, used, key, value as S3Object | MultipartUpload | undefined);
      }
    }
    for (const [name, used] of files) {
      if (state.buckets.has(name)) continue;
      rows.delete(rowKey('bucket', name));
      rows.deletePrefix(rowPrefix('object', name));
      rows.deletePrefix(rowPrefix('upload', name));
      for (const names of used.values()) names.forEach((file) => rows.files.removeAfterCommit(file));
      files.delete(name);
    }
  },

  load(rows, _scope, setAside, files) {
    const state = createS3State();
    const used = filesOf(state);
    const contents: SavedRow[] = [];
    for (const row of rows) {
      const kind = JSON.parse(row.key)[0];
      if (kind === 'bucket') loadBucket(state, row, setAside);
      else if (kind === 'object' || kind === 'upload') contents.push(row);
      else setAside(row, 'no part of S3 state has a row with this key');
    }
    for (const name of state.buckets.keys()) used.set(name, new Map());
    for (const row of contents) {
      const [kind, bucketName] = JSON.parse(row.key) as [string, string];
      const bucket = state.buckets.get(bucketName);
      const problem = bucket ? (kind === 'object' ? objectProblem(row.value, files) : uploadProblem(row.value, files)) : 'it belongs to a bucket that is not in the saved state';
      if (problem) {
        setAside(row, problem);
        continue;
      }
      if (kind === 'object') {
        const object = row.value as S3Object & { bodyFile?: string };
        if (object.bodyFile !== undefined) used.get(bucketName)!.set(row.key, [readLazily(object, object.bodyFile, files)]);
        delete object.bodyFile;
        bucket!.objects.set(object.key, object);
      } else {
        const upload = row.value as MultipartUpload;
        const parts = upload.parts as unknown as Array<UploadedPart & { bodyFile?: string }>;
        used.get(bucketName)!.set(row.key, parts.map((part) => readLazily(part, part.bodyFile!, files)));
        for (const part of parts) delete part.bodyFile;
        upload.parts = new Map(parts.map((part) => [part.partNumber, part]));
        bucket!.uploads.set(upload.uploadId, upload);
      }
    }
    for (const bucket of state.buckets.values()) track(bucket);
    return state;
  },
};

function filesOf(state: S3State): Map<string, Map<string, string[]>> {
  let files = rowFiles.get(state);
  if (!files) rowFiles.set(state, (files = new Map()));
  return files;
}

function writeRow(rows: RowWriter, used: Map<string, string[]>, key: string, value: S3Object | MultipartUpload | undefined): void {
  const before = used.get(key) ?? [];
  let now: string[] = [];
  if (value === undefined) rows.delete(key);
  else if ('uploadId' in value) {
    for (const part of value.parts.values()) part.size ??= part.body.length;
    const parts = [...value.parts.values()].map((part) => ({ ...withoutMembers(part, ['body']), bodyFile: spill(part, rows.files) }));
    now = parts.map((part) => part.bodyFile);
    rows.put(key, { ...withoutMembers(value, ['parts']), parts });
  } else if ((value.size ??= value.body.length) <= INLINE_BODY_BYTES && !bodyFileOf.has(value)) {
    rows.put(key, value);
  } else {
    const bodyFile = spill(value, rows.files);
    now = [bodyFile];
    rows.put(key, { ...withoutMembers(value, ['body']), bodyFile });
  }
  for (const file of before) if (!now.includes(file)) rows.files.removeAfterCommit(file);
  if (now.length > 0) used.set(key, now);
  else used.delete(key);
}

// Writes a body held in memory to its own file, then reads it from there: memory is given back.
function spill(holder: WithBody, files: BodyFiles): string {
  const known = bodyFileOf.get(holder);
  if (known) return known;
  const body = holder.body;
  holder.size ??= body.length;
  const name = files.write(body);
  return readLazily(holder, name, files);
}

function readLazily(holder: object, name: string, files: BodyFiles): string {
  const path = files.path(name);
  files.keep(name);
  bodyFileOf.set(holder, name);
  bodyPathOf.set(holder, path);
  Object.defineProperty(holder, 'body', {
    configurable: true,
    enumerable: true,
    get: () => readFileSync(path),
    set(value: Buffer) {
      bodyFileOf.delete(holder);
      bodyPathOf.delete(holder);
      Object.defineProperty(holder, 'body', { value, writable: true, enumerable: true, configurable: true });
    },
  });
  return name;
}

/** Bytes `start` to `end` (exclusive) of a body: read from its file alone when it has one, not the whole file. */
export function bodySlice(holder: { body: Buffer }, start: number, end: number): Buffer {
  const path = bodyPathOf.get(holder);
  if (!path) return holder.body.subarray(start, end);
  const bytes = Buffer.alloc(Math.max(0, end - start));
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, start + done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

function loadBucket(state: S3State, row: SavedRow, setAside: SetAside): void {
  const bucket = row.value as Bucket;
  const problem = shapeProblem(bucket, { name: '', region: '', created: new Date(0), notification: {} });
  if (problem || typeof bucket.name !== 'string' || JSON.parse(row.key)[1] !== bucket.name) {
    setAside(row, problem ?? 'the bucket\'s name does not match its row');
    return;
  }
  bucket.objects = new Map();
  bucket.uploads = new Map();
  state.buckets.set(bucket.name, bucket);
}

function objectProblem(value: unknown, files: BodyFiles): string | undefined {
  const problem = shapeProblem(value, { key: '', etag: '', size: 0, lastModified: new Date(0), bodyFile: '', body: Buffer.alloc(0), metadata: {}, headers: {}, tags: [] });
  if (problem) return problem;
  const object = value as S3Object & { bodyFile?: string };
  if (typeof object.key !== 'string' || typeof object.size !== 'number') return 'the object has no key or no size';
  if (object.bodyFile === undefined) return Buffer.isBuffer(object.body) && object.body.length === object.size ? undefined : 'the object has no body of its size';
  return bodyProblem(object.bodyFile, files);
}

function uploadProblem(value: unknown, files: BodyFiles): string | undefined {
  const problem = shapeProblem(value, { uploadId: '', key: '', initiated: new Date(0), parts: [] });
  if (problem) return problem;
  for (const part of (value as { parts: Array<Partial<UploadedPart> & { bodyFile?: string }> }).parts) {
    if (kindOf(part) !== 'record' || typeof part.partNumber !== 'number' || typeof part.size !== 'number') return 'a part has no number or no size';
    const missing = bodyProblem(part.bodyFile, files);
    if (missing) return missing;
  }
  return undefined;
}

function bodyProblem(name: unknown, files: BodyFiles): string | undefined {
  if (typeof name !== 'string') return 'it names no body file';
  try {
    return existsSync(files.path(name)) ? undefined : `its body file ${name} is missing`;
  } catch (error) {
    return (error as Error).message;
  }
}
