/**
 * Builds the lesson site for `workshop start`, once: the static build (with its Pagefind search
 * index) is kept in a cache folder with the fingerprint of its sources, and reused until the
 * fingerprint changes. Astro runs in a child process, as `npm run build:site` would, so a failed
 * build cannot take the emulator down and its memory is given back when it ends.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { buildText } from './build-messages.ts';
import { siteFingerprint } from './fingerprint.ts';

/** Options of {@link ensureSiteBuilt}. */
export interface BuildOptions {
  /** Holds `dist/` (what is served), `build.json` (its fingerprint) and `build.log`. */
  cacheDir: string;
  /** The Astro project. */
  siteRoot: string;
  /** The kit's root, for the files the site reads from it. */
  kitRoot: string;
  /** Where progress lines go. */
  log: (line: string) => void;
}

/** A build ready to serve. */
export interface SiteBuild {
  /** The folder to serve. */
  dir: string;
  /** False when a stored build was reused. */
  built: boolean;
  /** How long the build took (0 when reused). */
  ms: number;
}

/** What `build.json` records beside the build. */
interface BuildRecord {
  fingerprint: string;
  builtAt: string;
  buildMs: number;
}

/** Lines of Astro's output that start a stage, and how the learner is told about it. */
const STAGES: Array<[RegExp, 'stageReading' | 'stageBundling' | 'stageWriting' | 'stageIndexing']> = [
  [/\[content\] Syncing content/, 'stageReading'],
  [/Building static entrypoints/, 'stageBundling'],
  [/generating static routes/, 'stageWriting'],
  [/Building search index/, 'stageIndexing'],
];

function readRecord(file: string): BuildRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}

/** A path as the learner would type it from where they are. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Removes folders left by builds whose process is gone (a build stopped by Ctrl-C, say). */
function removeLeftovers(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    const pid = Number(/^dist-(?:building|old)-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    let alive = pid === process.pid;
    try {
      if (!alive) alive = process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

const TIMESTAMP = /^\d\d:\d\d:\d\d /;

/**
 * The line of the build's output that says what went wrong: Astro prints an error's message just
 * above its `Location:` or `Stack trace:`, after its own timestamped lines; failing that, its
 * `[ERROR]` line or its last line.
 */
function summary(output: string[]): string {
  const lines = output.map((line) => line.trimEnd());
  const stack = lines.findIndex((line) => /^\s*(Location|Stack trace):/.test(line));
  let start = stack;
  while (start > 0 && lines[start - 1]!.trim() && !TIMESTAMP.test(lines[start - 1]!)) start -= 1;
  const line = (start >= 0 && start < stack ? lines[start] : undefined)
    ?? lines.find((text) => text.includes('[ERROR]'))?.replace(TIMESTAMP, '')
    ?? lines.filter((text) => text.trim()).at(-1)
    ?? buildText('printedNothing');
  const text = line.trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Runs `astro build` into `outDir`, reporting its stages; resolves with its exit code and output. */
function runAstro(options: BuildOptions, outDir: string, logFile: string): Promise<{ code: number | null; output: string[] }> {
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', NODE_ENV: 'production' };
  // The test-only component pages never go into a learner's site, and variables named like Vite's
  // own import.meta.env values (a DEV=1 in the shell, say) would turn the build into a dev one
  // with no search.
  for (const name of ['WORKSHOP_SITE_FIXTURES', 'DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL']) delete env[name];
  const child = spawn(process.execPath, [astro, 'build', '--root', options.siteRoot, '--outDir', outDir], { cwd: options.kitRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  const output: string[] = [];
  let pending = '';
  let stage = 0;
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      output.push(line);
      const next = STAGES.findIndex(([pattern], index) => index >= stage && pattern.test(line));
      if (next >= 0) {
        stage = next + 1;
        options.log(buildText('stage', { number: stage, count: STAGES.length, stage: buildText(STAGES[next]![1]) }));
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // Ctrl-C stops the build with the kit; the kit's own handler (run-emulator.ts) then stops the emulator.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const stopWithKit = () => {
    child.kill('SIGTERM');
    for (const name of signals) process.off(name, stopWithKit);
  };
  for (const name of signals) process.on(name, stopWithKit);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const name of signals) process.off(name, stopWithKit);
      if (pending) output.push(pending);
      log.end(() => resolve({ code, output }));
    });
  });
}

/** Returns a build of the site whose fingerprint matches its sources, building one when needed. */
export async function ensureSiteBuilt(options: BuildOptions): Promise<SiteBuild> {
  const { cacheDir } = options;
  const dist = join(cacheDir, 'dist');
  const recordFile = join(cacheDir, 'build.json');
  const fingerprint = siteFingerprint({ kitRoot: options.kitRoot, siteRoot: options.siteRoot });
  const stored = readRecord(recordFile);
  if (stored?.fingerprint === fingerprint && existsSync(join(dist, 'index.html'))) return { dir: dist, built: false, ms: 0 };

  try {
    mkdirSync(cacheDir, { recursive: true });
    removeLeftovers(cacheDir);
  } catch (error) {
    throw new Error(buildText('noFolder', { dir: shown(cacheDir), reason: (error as Error).message }));
  }
  options.log(buildText(stored ? 'rebuilding' : 'building'));
  const building = join(cacheDir, `dist-building-${process.pid}`);
  const logFile = join(cacheDir, 'build.log');
  rmSync(building, { recursive: true, force: true });
  const started = performance.now();
  let result: { code: number | null; output: string[] };
  try {
    result = await runAstro(options, building, logFile);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(buildText('astroCannotRun', { reason: (error as Error).message }));
  }
  if (result.code !== 0 || !existsSync(join(building, 'index.html'))) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(buildText('buildFailed', { summary: summary(result.output), log: shown(logFile) }));
  }
  const ms = Math.round(performance.now() - started);
  // Swap the new build in whole, so a server never sees half of one; build.json goes last, so an
  // interrupted swap leaves a fingerprint that no longer matches and the next start builds again.
  const old = join(cacheDir, `dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(building, dist);
  writeFileSync(recordFile, `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString(), buildMs: ms } satisfies BuildRecord, null, 2)}\n`);
  rmSync(old, { recursive: true, force: true });
  options.log(buildText('built', { seconds: (ms / 1000).toFixed(1), dir: shown(cacheDir) }));
  return { dir: dist, built: true, ms };
}
