import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests; end-to-end tests that start emulators, child processes and the
// real CLI; and the lesson site's tests (one build, then link checks and browser tests).
// `npm test` runs all; `vitest run --project unit` runs the fast ones alone.
// The kit speaks the locale's language: the tests pin English (a test that wants Chinese asks for it),
// so a developer with LANG=zh_CN.UTF-8 sees the same results as CI.
process.env.WORKSHOP_LANG = 'en';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/unit/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/cli/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/grade/**/*.test.ts', 'test/sandbox/**/*.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: more workers only make child-process timings noisy.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          // Builds the lesson site once (in a child process) before the site tests run.
          globalSetup: ['test/site/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
