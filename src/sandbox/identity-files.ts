/**
 * The /etc/passwd and /etc/group a sandbox sees: only root and the sandbox's own user (named
 * like Lambda's sbx_user, home /tmp), so os.homedir(), `id` and Python's getpass work as on
 * Lambda, and the host's list of users stays hidden. The files are written once per uid into a
 * folder only the kit's user can write.
 */
import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The two files to bind over /etc/passwd and /etc/group. */
export interface IdentityFiles {
  passwd: string;
  group: string;
}

let folder: string | undefined;
const written = new Map<string, IdentityFiles>();

/** A folder of the kit's user alone: a fixed one reused across runs and processes, or a fresh one if someone else holds that name. */
export function kitFolder(): string {
  if (folder) return folder;
  const own = process.getuid?.() ?? 0;
  const fixed = path.join(tmpdir(), `workshop-sandbox-${own}`);
  try {
    mkdirSync(fixed, { mode: 0o700 });
  } catch {
    // Made by an earlier run, or by someone else: checked below.
  }
  const info = lstatSync(fixed, { throwIfNoEntry: false });
  if (info?.isDirectory() && info.uid === own && (info.mode & 0o022) === 0) folder = fixed;
  else {
    const fresh = mkdtempSync(path.join(tmpdir(), 'workshop-sandbox-'));
    process.once('exit', () => rmSync(fresh, { recursive: true, force: true }));
    folder = fresh;
  }
  return folder;
}

function writeOnce(file: string, text: string): void {
  // Beside the final name, then renamed: a sandbox starting meanwhile never binds half a file.
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, text, { mode: 0o644 });
  renameSync(staging, file);
}

/** The passwd and group files for a sandbox whose code runs as `uid`:`gid`. */
export function identityFiles(uid: number, gid: number): IdentityFiles {
  let files = written.get(`${uid}:${gid}`);
  if (!files) {
    const dir = kitFolder();
    files = { passwd: path.join(dir, `passwd-${uid}-${gid}`), group: path.join(dir, `group-${uid}-${gid}`) };
    const name = `sbx_user${uid}`;
    writeOnce(files.passwd, `root:x:0:0:root:/root:/usr/sbin/nologin\n${uid === 0 ? '' : `${name}:x:${uid}:${gid}::/tmp:/usr/sbin/nologin\n`}`);
    writeOnce(files.group, `root:x:0:\n${gid === 0 ? '' : `${name}:x:${gid}:\n`}`);
    written.set(`${uid}:${gid}`, files);
  }
  return files;
}
