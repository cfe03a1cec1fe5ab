import { defineProject } from 'vitest/config'
import { sourceResolve } from '../scripts/source-condition.ts'

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'bench',
    include: ['**/*.test.ts'],
    exclude: ['.generated/**', 'node_modules/**'],
  },
})
