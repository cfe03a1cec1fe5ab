import { defineProject } from 'vitest/config'
import { sourceResolve } from '../../scripts/source-condition.ts'

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'client',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
})
