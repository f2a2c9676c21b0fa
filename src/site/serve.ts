/**
 * Serves the lesson site from its sources with Astro's dev server, for `workshop start`: pages
 * build on demand, so the site is up in seconds without a build step. Astro is imported only
 * when the site is started, so loading this module costs nothing.
 */
import { fileURLToPath } from 'node:url';

/** The site's sources (the Astro project). */
export const SITE_ROOT = fileURLToPath(new URL('../../site/', import.meta.url));
/** The port the site uses unless told otherwise. */
export const SITE_PORT = 4321;

/** Options of {@link startSite}. */
export interface SiteOptions {
  /** Default 4321; 0 picks a free port. When taken, the next free port is used. */
  port?: number;
  /** The emulator's origin the live parts read first (default http://127.0.0.1:4566). */
  emulatorUrl?: string;
}

/** A running lesson site. */
export interface RunningSite {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the lesson site on 127.0.0.1 and resolves once it answers. */
export async function startSite(options: SiteOptions = {}): Promise<RunningSite> {
  // A learner's machine sends nothing to Astro's usage statistics unless they opt in themselves.
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  // The live components read this (import.meta.env) as their default emulator address.
  if (options.emulatorUrl) process.env.PUBLIC_WORKSHOP_EMULATOR = options.emulatorUrl;
  const { dev } = await import('astro');
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const server = await dev({
    root: SITE_ROOT,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: options.port ?? SITE_PORT, open: false },
  });
  // Astro's dev server exits the process on Ctrl-C; the kit stops it itself, after saving the emulator's state.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  const port = server.address.port;
  // The dev server answers before its content is loaded; announce the site once a page renders.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/labs/`).then((answer) => answer.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => server.stop(),
  };
}
