import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests, and end-to-end tests that start emulators, child processes and
// the real CLI. `npm test` runs both; `vitest run --project unit` runs the fast ones alone.
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
          include: ['test/cli/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: more workers only make child-process timings noisy.
          maxWorkers: 2,
        },
      },
    ],
  },
});
