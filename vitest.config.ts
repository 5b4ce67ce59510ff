import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        // Suites that start Chromium belong to the browser project (one at a time). The time
        // limit only catches a hang: on two cores shared with the browser suites, building a
        // 300-module course takes 7 to 35 s.
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/lms-*.test.ts'], testTimeout: 120_000 }
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
