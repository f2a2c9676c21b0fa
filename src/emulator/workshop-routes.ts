/**
 * The emulator's routes for the lesson site's live parts: `GET /_workshop/progress` (the lab
 * engine's progress file) and `GET /_workshop/resources?account=` (a snapshot of the account's
 * resources and latest invocations). Loopback callers only; CORS for pages on localhost.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Emulator } from './emulator.ts';
import { fromLoopback, workshopJson, workshopPreflight } from './workshop-cors.ts';
import { resourceSnapshot } from './workshop-resources.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';
import { DEFAULT_ACCOUNT_ID } from './identity.ts';
import { registerLocalStackRoutes } from './localstack-routes.ts';
import { timeFactorRoute } from './time-factor-route.ts';

/** The folder the lab engine keeps `progress.json` in, relative to the working directory. */
export const DEFAULT_WORKSHOP_DIR = '.workshop';

/** Options of {@link registerWorkshopRoutes}. */
export interface WorkshopRouteOptions {
  /** The folder holding `progress.json`; read at each request, default `<cwd>/.workshop`. */
  workshopDir?: string | undefined;
}

/** The lab engine's progress file as the site reads it: per lab, whatever the engine recorded. */
export interface ProgressFile {
  version: 1;
  labs: Record<string, unknown>;
}

const EMPTY_PROGRESS: ProgressFile = { version: 1, labs: {} };
const ACCOUNT = /^\d{12}$/;

/**
 * Reads the lab engine's progress file tolerantly: a missing, unreadable or foreign file means no
 * progress yet, never an error. Unlike the lab engine's own reader it never moves a corrupt file
 * aside: a route that only reads must not change the learner's folder.
 */
export async function readProgressForSite(workshopDir: string): Promise<ProgressFile> {
  let text: string;
  try {
    text = await readFile(join(workshopDir, 'progress.json'), 'utf8');
  } catch {
    return EMPTY_PROGRESS;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProgressFile> | null;
    if (parsed?.version !== 1 || typeof parsed.labs !== 'object' || parsed.labs === null || Array.isArray(parsed.labs)) return EMPTY_PROGRESS;
    return { version: 1, labs: parsed.labs as ProgressFile['labs'] };
  } catch {
    return EMPTY_PROGRESS;
  }
}

/** Checks the caller and method shared by both routes; an answer means stop there. */
function refuse(request: EmulatorRequest): EmulatorResponse | undefined {
  if (!fromLoopback(request)) return workshopJson(request, 403, { message: 'the workshop routes are served to loopback callers only' });
  if (request.method === 'OPTIONS') return workshopPreflight(request);
  if (request.method !== 'GET') return workshopJson(request, 405, { message: 'use GET' });
  return undefined;
}

/** Adds `/_workshop/progress` and `/_workshop/resources` to an emulator, and LocalStack's own routes (localstack-routes.ts). */
export function registerWorkshopRoutes(emulator: Emulator, options: WorkshopRouteOptions = {}): void {
  registerLocalStackRoutes(emulator, { workshopDir: resolve(options.workshopDir ?? DEFAULT_WORKSHOP_DIR) });
  emulator.addInternalRoute('/_workshop/time-factor', timeFactorRoute(emulator));
  emulator.addInternalRoute('/_workshop/progress', async (request) => {
    if (request.path !== '/_workshop/progress') return undefined;
    const refused = refuse(request);
    if (refused) return refused;
    const folder = resolve(options.workshopDir ?? DEFAULT_WORKSHOP_DIR);
    return workshopJson(request, 200, await readProgressForSite(folder));
  });
  emulator.addInternalRoute('/_workshop/resources', async (request) => {
    if (request.path !== '/_workshop/resources') return undefined;
    const refused = refuse(request);
    if (refused) return refused;
    const caller = await emulator.workshopAccount(request);
    if ('refused' in caller) return workshopJson(request, 403, { message: caller.refused });
    const account = caller.account ?? DEFAULT_ACCOUNT_ID;
    if (!ACCOUNT.test(account)) return workshopJson(request, 400, { message: `account must be 12 digits, like ${DEFAULT_ACCOUNT_ID}` });
    return workshopJson(request, 200, resourceSnapshot(emulator, account));
  });
}
