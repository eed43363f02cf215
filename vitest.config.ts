import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // compiles lib/ once for the tests that run bin/weekly.js or worker threads
    globalSetup: ['test/global-setup.ts'],
    // end-to-end tests build whole corpora; on a loaded 2-core CI machine setup can take tens of seconds
    testTimeout: 120000,
    hookTimeout: 120000,
    // two test files at a time even on 2 cores: most of a file's time is spent waiting on the processes it
    // starts (the suite took 6.5 min one file at a time on this 2-core machine, 4.6 min two at a time)
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
  },
});
