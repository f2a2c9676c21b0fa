/**
 * Deployment packages: the zip arrives base64 in JSON, is checked like Lambda checks it, kept in
 * state (so it survives a restart) and unpacked into one folder per content hash. No entry may
 * point outside its folder: such packages are refused before anything is written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { InvalidParameterValueException, RequestEntityTooLargeException } from './errors.ts';

/** Largest zip a direct upload may carry (AWS: 50 MB). */
export const CODE_SIZE_ZIPPED = 52_428_800;
/** Largest unpacked size of a deployment package (AWS: 250 MB). */
export const CODE_SIZE_UNZIPPED = 262_144_000;

const UNZIP_FAILED = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** A deployment package as state keeps it. */
export interface CodeInfo {
  /** Hex SHA-256: the folder name and the key of the bytes in state. */
  hash: string;
  /** Base64 SHA-256, as Lambda reports `CodeSha256`. */
  sha256: string;
  size: number;
}

/** One file or folder of a checked package, with its path made safe. */
interface Entry {
  path: string;
  data: Uint8Array | undefined;
}

/** The bytes of `Code.ZipFile` / `ZipFile`: base64 text from JSON, or bytes from an in-process call. */
export function decodeZipFile(value: unknown): Buffer | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  throw new InvalidParameterValueException(UNZIP_FAILED);
}

/** Hashes a package the two ways Lambda and the code folders need. */
export function describeCode(zip: Buffer): CodeInfo {
  const digest = createHash('sha256').update(zip).digest();
  return { hash: digest.toString('hex'), sha256: digest.toString('base64'), size: zip.length };
}

/** A path inside the package, or undefined when it would escape (absolute, drive letter, `..`). */
function safePath(name: string): string | undefined {
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || normalized.includes('\0')) return undefined;
  const parts = normalized.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return undefined;
  return parts.join('/');
}

/** Unpacks and checks a package in memory; throws Lambda's errors for corrupt, oversized or escaping packages. */
export function readPackage(zip: Buffer): Entry[] {
  if (zip.length > CODE_SIZE_ZIPPED) throw new RequestEntityTooLargeException(`Zipped size must be smaller than ${CODE_SIZE_ZIPPED} bytes`);
  let declared = 0;
  let escaping: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.length), {
      filter(file) {
        if (safePath(file.name) === undefined) escaping ??= file.name;
        declared += file.originalSize;
        // Nothing is inflated once the package is known to be refused.
        return escaping === undefined && declared < CODE_SIZE_UNZIPPED;
      },
    });
  } catch {
    throw new InvalidParameterValueException(UNZIP_FAILED);
  }
  if (escaping !== undefined) {
    throw new InvalidParameterValueException(`${UNZIP_FAILED} The entry '${escaping}' points outside the function's folder.`);
  }
  if (declared >= CODE_SIZE_UNZIPPED) throw new InvalidParameterValueException(`Unzipped size must be smaller than ${CODE_SIZE_UNZIPPED} bytes`);
  return Object.entries(files).map(([name, data]) => ({ path: safePath(name)!, data: name.endsWith('/') ? undefined : data }));
}

/** Writes entries under `folder`, re-checking that each one lands inside it. */
function writeEntries(folder: string, entries: Entry[]): void {
  const root = resolve(folder);
  for (const entry of entries) {
    if (entry.path === '') continue;
    const target = resolve(root, entry.path);
    if (!target.startsWith(root + sep)) throw new InvalidParameterValueException(UNZIP_FAILED);
    if (entry.data === undefined) {
      mkdirSync(target, { recursive: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
    }
  }
}

/**
 * The folders holding unpacked code, one per account and content hash, under a root chosen once
 * per service. Accounts never share a folder, so code that damages its own folder cannot touch
 * another account's function (cohort grading runs every learner in an account of its own).
 */
export class CodeFolders {
  private root: string | undefined;
  private temporary = false;
  private readonly rootFor: () => string | undefined;

  /** `rootFor` names the persistent root (under the state folder), or undefined for a temporary one. */
  constructor(rootFor: () => string | undefined) {
    this.rootFor = rootFor;
  }

  /** The root folder, created on first use. */
  rootDir(): string {
    if (!this.root) {
      const persistent = this.rootFor();
      if (persistent) {
        mkdirSync(persistent, { recursive: true });
        this.root = persistent;
      } else {
        this.root = mkdtempSync(join(tmpdir(), 'workshop-lambda-code-'));
        this.temporary = true;
      }
    }
    return this.root;
  }

  /** The folder of an account's package, unpacked now if it is missing (first upload, after a restart, or after the code damaged it). */
  ensure(account: string, code: CodeInfo, zip: Buffer | undefined, entries?: Entry[]): string {
    const folder = join(this.rootDir(), `${account}-${code.hash}`);
    if (existsSync(folder)) return folder;
    if (!zip) throw new InvalidParameterValueException(`The deployment package ${code.sha256} is missing from the emulator's state; upload the code again.`);
    // Unpack beside the final folder and rename, so a crash never leaves half a package behind.
    const staging = join(this.rootDir(), `.${code.hash}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(staging);
      writeEntries(staging, entries ?? readPackage(zip));
      renameSync(staging, folder);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (existsSync(folder)) return folder;
      if (error instanceof InvalidParameterValueException) throw error;
      throw new InvalidParameterValueException(UNZIP_FAILED);
    }
    return folder;
  }

  /** Removes an account's package folder once nothing uses it. */
  remove(account: string, hash: string): void {
    if (this.root && /^\d{12}$/.test(account) && /^[0-9a-f]{64}$/.test(hash)) rmSync(join(this.root, `${account}-${hash}`), { recursive: true, force: true });
  }

  /** Removes the temporary root; a persistent one stays for the next start. */
  dispose(): void {
    if (this.root && this.temporary) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    this.temporary = false;
  }
}
