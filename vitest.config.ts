import { defineConfig } from 'vitest/config'
import SummaryReporter from './scripts/vitest-summary-reporter.ts'

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench', 'tests/*'],
    reporters: ['default', new SummaryReporter()],
  },
})
