import { defineConfig } from 'vitest/config';

/** Fault tests: real processes killed and restarted against a real Postgres (`npm run test:faults`). */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
