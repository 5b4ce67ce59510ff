import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        // Suites that start Chromium belong to the browser project (one at a time).
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/lms-*.test.ts'], testTimeout: 30_000 }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts', 'test/lms-*.test.ts'],
          // Two cores: one browser suite at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      }
    ]
  }
})
