/**
 * Builds the lesson site once for the `site` test project, with the test-only component page
 * (WORKSHOP_SITE_FIXTURES=1), into test-output/site-dist, and hands the folder and the build time
 * to the tests. The build runs in a child process, as `npm run build:site` would.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { KIT_ROOT } from '../../src/core/kit.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDist: string;
    siteBuildMs: number;
  }
}

/** Where the site tests leave what a person may want to look at: the build, its log, screenshots. */
export const OUTPUT = join(KIT_ROOT, 'test-output');

export default async function setup(project: TestProject): Promise<void> {
  const dist = join(OUTPUT, 'site-dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
  const started = performance.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(process.execPath, [astro, 'build', '--root', 'site', '--outDir', dist], {
      cwd: KIT_ROOT,
      env: { ...process.env, WORKSHOP_SITE_FIXTURES: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk));
    child.on('error', fail);
    child.on('close', (exit) => done({ code: exit, output: text }));
  });
  const buildMs = Math.round(performance.now() - started);
  writeFileSync(join(OUTPUT, 'site-build.log'), output);
  if (code !== 0) throw new Error(`the site build failed (exit ${code}); its output is in test-output/site-build.log:\n${output.slice(-3000)}`);
  project.provide('siteDist', dist);
  project.provide('siteBuildMs', buildMs);
}
