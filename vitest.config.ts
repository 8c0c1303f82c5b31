import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure, parallel) and `integration` (`*.int.test.ts`, real Redis and
 * PostgreSQL from REDIS_URL / DATABASE_URL, one file at a time because they share the servers).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,services,infra}/*/src/**/*.test.ts', 'infra/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{packages,services}/*/{src,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          globalSetup: ['packages/console/tools/vitest-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
