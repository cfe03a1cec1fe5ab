import type { TestModule } from 'vitest/node'
import type { Reporter } from 'vitest/reporters'

/**
 * Ends the run with one plain `N passed, N failed, N skipped` line that any CI can read.
 * A test file that failed before its tests ran (an import error) counts as one failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const testModule of testModules) {
      let count = 0
      for (const test of testModule.children.allTests()) {
        count++
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      if (count === 0 && testModule.state() === 'failed') failed++
    }
    console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  }
}
