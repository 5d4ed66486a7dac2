import { defineConfig } from 'vitest/config';

/** Browser tests: the real server in sandbox mode driven by Chromium (`npm run test:browser`). */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
