/**
 * The lesson site for `workshop start`: the built site (with its search), served by a small
 * static server on 127.0.0.1. The first start builds it (tens of seconds); later starts reuse the
 * build while its sources are unchanged (see fingerprint.ts). Astro runs only in the build's child
 * process, so loading this module costs nothing. Authors who edit the site use `npm run dev:site`.
 */
import { join } from 'node:path';
import { KIT_ROOT } from '../core/kit.ts';
import { LESSON_SITE_PORT } from '../emulator/access.ts';
import { ensureSiteBuilt } from './build.ts';
import { serveBuiltSite } from './static-server.ts';

/** The site's sources (the Astro project). */
export const SITE_ROOT = join(KIT_ROOT, 'site');
/** The port the site uses unless told otherwise: the one the emulator allows pages from by default. */
export const SITE_PORT = LESSON_SITE_PORT;

/**
 * Where the built site is kept: `WORKSHOP_SITE_DIR`, else `.workshop/site/` in the kit (ignored
 * by git, like the rest of `.workshop/`), so each copy of the kit builds its own.
 */
export function siteCacheDir(): string {
  return process.env.WORKSHOP_SITE_DIR || join(KIT_ROOT, '.workshop', 'site');
}

/** Options of {@link startSite}. */
export interface SiteOptions {
  /** Default 4321; 0 picks a free port. When taken, the next free port is used. */
  port?: number;
  /** The emulator's origin the live parts read (default http://127.0.0.1:4566). */
  emulatorUrl?: string;
  /** Where the build is kept (default {@link siteCacheDir}). */
  cacheDir?: string;
  /** Where build progress goes (default the console). */
  log?: (line: string) => void;
}

/** A running lesson site. */
export interface RunningSite {
  url: string;
  port: number;
  /** False when a stored build was reused. */
  built: boolean;
  stop(): Promise<void>;
}

/** Builds the site if its sources changed since the last build, then serves it on 127.0.0.1. */
export async function startSite(options: SiteOptions = {}): Promise<RunningSite> {
  const build = await ensureSiteBuilt({
    cacheDir: options.cacheDir ?? siteCacheDir(),
    siteRoot: SITE_ROOT,
    kitRoot: KIT_ROOT,
    log: options.log ?? ((line) => console.log(line)),
  });
  const server = await serveBuiltSite({ root: build.dir, port: options.port ?? SITE_PORT, emulatorUrl: options.emulatorUrl });
  return { ...server, built: build.built };
}
