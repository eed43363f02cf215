import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // compiles lib/ once for the tests that run bin/weekly.js or worker threads
    globalSetup: ['test/global-setup.ts'],
    // end-to-end tests build whole corpora; on a loaded 2-core CI machine setup can take tens of seconds
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
