import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/contract/**/*.test.ts',
      'test/renderer/**/*.test.ts',
      'test/renderer/**/*.test.tsx',
    ],
    environment: 'node',
    // English words for renderer tests that render a component on its own (test/renderer/i18n-setup.ts).
    setupFiles: ['test/renderer/i18n-setup.ts'],
    // A throw-away PostgreSQL server when the run was given none (the storage contract suite and workgroup tests).
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start servers on loopback; two workers match the machine's two cores.
    maxWorkers: 2,
  },
});
