import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // end-to-end tests build whole corpora; on a loaded 2-core CI machine setup can take tens of seconds
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
