/**
 * Large bodies (S3 objects and parts) as files beside the state database, one per body, named at
 * random. A file is written before the row that names it commits and removed only after the row
 * that replaced it commits, so a crash at any point leaves at worst an orphan, which the next load
 * sweeps away.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyFiles } from './rows.ts';

/** The body files of one state folder. */
export class BodyFolder implements BodyFiles {
  private readonly folder: string;
  private readonly unused: string[] = [];
  private readonly kept = new Set<string>();

  constructor(folder: string) {
    this.folder = folder;
    mkdirSync(folder, { recursive: true });
  }

  write(bytes: Buffer): string {
    const name = randomUUID();
    writeFileSync(this.path(name), bytes);
    return name;
  }

  path(name: string): string {
    // Names come from rows on disk too: only the form `write` gives is a file of this folder.
    if (!/^[0-9a-f-]{36}$/.test(name)) throw new Error(`not a body file name: ${name}`);
    return join(this.folder, name);
  }

  removeAfterCommit(name: string): void {
    this.unused.push(name);
  }

  keep(name: string): void {
    this.kept.add(name);
  }

  /** Removes the files the last commit stopped using. */
  committed(): void {
    for (const name of this.unused.splice(0)) rmSync(this.path(name), { force: true });
  }

  /** A failed transaction keeps the files its rows would have stopped using. */
  rolledBack(): void {
    this.unused.length = 0;
  }

  /** Removes every file: no row uses any after a reset of S3's state. */
  clear(): void {
    for (const name of readdirSync(this.folder)) rmSync(join(this.folder, name), { force: true, recursive: true });
    this.kept.clear();
    this.unused.length = 0;
  }

  /** After loading: removes every file no loaded row uses (left by a crash). */
  sweep(): number {
    let removed = 0;
    for (const name of readdirSync(this.folder)) {
      if (this.kept.has(name)) continue;
      rmSync(join(this.folder, name), { force: true, recursive: true });
      removed++;
    }
    this.kept.clear();
    return removed;
  }
}
