/**
 * Snapshots of the emulator's whole state, kept in `.workshop/snapshots/<name>/`: a copy of the
 * state folder (state.db and bodies/, the persistence format itself) and `snapshot.json`. Routes:
 * `GET /_workshop/snapshots` lists, `POST /_workshop/snapshots/<name>` saves, `POST
 * /_workshop/snapshots/<name>/load` loads, `DELETE /_workshop/snapshots/<name>` deletes; like the
 * resets they refuse anything a web page could send (change-guard.ts). Only an emulator that keeps
 * its state in a folder has snapshots: its state of any size is then copied, not held in memory twice.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { changeRefusal, jsonAnswer, refusedChange } from './change-guard.ts';
import type { Emulator } from './emulator.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** A snapshot's name: letters, digits, - and _ (it names a folder). */
export const SNAPSHOT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** What `snapshot.json` and the list say about one snapshot. */
export interface SnapshotInfo {
  name: string;
  /** ISO time of the save. */
  savedAt: string;
  /** Bytes on disk. */
  size: number;
}

const PREFIX = '/_workshop/snapshots';

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

function readInfo(folder: string, name: string): SnapshotInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(folder, 'snapshot.json'), 'utf8')) as Partial<SnapshotInfo>;
    if (typeof info.savedAt !== 'string' || !existsSync(join(folder, 'state.db'))) return undefined;
    return { name, savedAt: info.savedAt, size: typeof info.size === 'number' ? info.size : sizeOf(folder) };
  } catch {
    return undefined;
  }
}

/** Every snapshot in `root`, oldest first; folders that are not whole snapshots are left out. */
export function listSnapshots(root: string): SnapshotInfo[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => SNAPSHOT_NAME.test(name))
    .map((name) => readInfo(join(root, name), name))
    .filter((info): info is SnapshotInfo => info !== undefined)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Saves the emulator's whole state as snapshot `name` in `root`, replacing one of that name. */
export function saveSnapshot(emulator: Emulator, root: string, name: string): SnapshotInfo {
  const folder = join(root, name);
  // Written beside the old one, then moved in: a save cut short leaves the previous snapshot whole.
  const saving = join(root, `.${name}.saving-${process.pid}-${Date.now()}`);
  try {
    emulator.store.copyTo(saving);
    const savedAt = new Date().toISOString();
    const info: SnapshotInfo = { name, savedAt, size: sizeOf(saving) };
    writeFileSync(join(saving, 'snapshot.json'), `${JSON.stringify({ ...info, services: [...emulator.services.keys()] }, null, 2)}\n`);
    rmSync(folder, { recursive: true, force: true });
    renameSync(saving, folder);
    emulator.log(`snapshot ${name} saved in ${folder}`);
    return info;
  } finally {
    rmSync(saving, { recursive: true, force: true });
  }
}

/** Replaces the emulator's whole state with snapshot `name` from `root`; undefined when there is none. */
export function loadSnapshot(emulator: Emulator, root: string, name: string): SnapshotInfo | undefined {
  const folder = join(root, name);
  const info = readInfo(folder, name);
  if (!info) return undefined;
  emulator.store.replaceFrom(folder);
  emulator.trace.clear();
  emulator.log(`snapshot ${name} loaded from ${folder}`);
  return info;
}

function notFound(name: string): EmulatorResponse {
  return jsonAnswer(404, { error: 'NotFound', message: `there is no snapshot called ${name}: \`npx workshop snapshot list\` shows the snapshots there are` });
}

function answer(request: EmulatorRequest, emulator: Emulator, root: string): EmulatorResponse | undefined {
  const parts = request.path.slice(PREFIX.length).split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  if (parts.length > 2 || (parts.length === 2 && parts[1] !== 'load')) return undefined;
  const refused = changeRefusal(request, emulator);
  if (refused) return refusedChange(refused);
  if (parts.length === 0) return request.method === 'GET' ? jsonAnswer(200, { folder: root, snapshots: listSnapshots(root) }) : jsonAnswer(405, { error: 'MethodNotAllowed', message: 'use GET to list snapshots' });
  const name = parts[0]!;
  if (!SNAPSHOT_NAME.test(name)) return jsonAnswer(400, { error: 'InvalidName', message: `a snapshot name holds only letters, digits, - and _ (at most 64), not "${name}"` });
  if (!emulator.store.stateDir) {
    return jsonAnswer(409, { error: 'NoStateFolder', message: 'this emulator keeps its state in memory only, so it has no snapshots: start it with `npm start` (which keeps state), `workshop emulator --state <folder>` or PERSISTENCE=1' });
  }
  if (parts.length === 2) {
    if (request.method !== 'POST') return jsonAnswer(405, { error: 'MethodNotAllowed', message: 'use POST to load a snapshot' });
    const loaded = loadSnapshot(emulator, root, name);
    return loaded ? jsonAnswer(200, loaded) : notFound(name);
  }
  if (request.method === 'POST') return jsonAnswer(201, { ...saveSnapshot(emulator, root, name), folder: join(root, name) });
  if (request.method === 'DELETE') {
    if (!readInfo(join(root, name), name)) return notFound(name);
    rmSync(join(root, name), { recursive: true, force: true });
    return jsonAnswer(200, { name, deleted: true });
  }
  return jsonAnswer(405, { error: 'MethodNotAllowed', message: 'use POST to save a snapshot, DELETE to delete it' });
}

/** The `/_workshop/snapshots` routes, keeping snapshots in `<workshopDir>/snapshots`. */
export function snapshotRoute(emulator: Emulator, workshopDir: string): (request: EmulatorRequest) => EmulatorResponse | undefined {
  const root = resolve(workshopDir, 'snapshots');
  return (request) => (request.path === PREFIX || request.path.startsWith(`${PREFIX}/`) ? answer(request, emulator, root) : undefined);
}
