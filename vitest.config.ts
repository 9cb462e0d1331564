import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests load `cmdlet-ts/runtime` from the sources, the same copy they import directly.
  resolve: { conditions: ['cmdlet-ts-source'] },
  ssr: { resolve: { conditions: ['cmdlet-ts-source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
