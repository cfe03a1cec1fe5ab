import { defineProject } from 'vitest/config'
import { sourceResolve } from '../../scripts/source-condition.ts'

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'demo',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/chromium-notice.ts'],
    // Browser tests wait for real pages, event streams and (cluster) child processes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
