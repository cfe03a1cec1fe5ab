import { defineProject } from 'vitest/config'
import { sourceResolve } from '../../scripts/source-condition.ts'

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'server',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // One real redis-server for the Redis store's tests (skipped, with a reason, when missing).
    globalSetup: ['./test/redis/global-setup.ts'],
  },
})
