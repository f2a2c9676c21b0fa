/**
 * The fixture the live-component browser tests share: the built site served, a browser, and an
 * emulator (with its own workshop folder) that allows the site's origin, started before the file's
 * tests and stopped after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import type { AwsClients } from '../../../src/core/clients.ts';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../../src/site/static-server.ts';
import { clientsAt } from '../../support/emulator.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from './browser.ts';

/** What a live-site test uses; set once its beforeAll has run. */
export interface LiveSite {
  /** The workshop folder the kit reads progress from. */
  folder: string;
  site: RunningStaticSite;
  /** With `served`: the same build served as `workshop start` serves it, with the kit's address written into each page. */
  served: RunningStaticSite | undefined;
  chromium: TestBrowser;
  kit: RunningEmulator;
  clients: AwsClients;
}

/** Starts the site, a browser and a kit for the test file; `served` adds the site as `workshop start` serves it. */
export function useLiveSite(prefix: string, options: { served?: boolean } = {}): LiveSite {
  const live = { folder: mkdtempSync(join(tmpdir(), prefix)) } as LiveSite;
  beforeAll(async () => {
    const browser = browserAvailability();
    if (!browser.available) throw new Error(browser.reason);
    const dist = inject('siteDist');
    live.site = await serveBuiltSite({ root: dist, port: 0 });
    live.chromium = await launchBrowser();
    live.kit = await startEmulator({ port: 0, workshopDir: live.folder, log: () => {}, settings: { lambdaStateDelayMs: 10 } });
    live.served = options.served ? await serveBuiltSite({ root: dist, port: 0, emulatorUrl: live.kit.url }) : undefined;
    // The test servers took ports of their own, as a lesson site that found 4321 taken does.
    live.kit.emulator.access.allowOrigin(live.site.url);
    if (live.served) live.kit.emulator.access.allowOrigin(live.served.url);
    live.clients = clientsAt(live.kit.url);
  });
  afterAll(async () => {
    live.clients?.destroy();
    await live.kit?.stop();
    await live.chromium?.close();
    await live.site?.stop();
    await live.served?.stop();
    rmSync(live.folder, { recursive: true, force: true });
  });
  return live;
}
