import { chromiumMissing } from './chromium.ts'
import { redisMissing } from './e2e/start-cluster.ts'

/**
 * Vitest global setup: says once per run, one line each, why browser or cluster tests are
 * skipped. In CI neither is ever missing: the tests run, and fail if the part is absent.
 */
export default function chromiumNotice(): void {
  for (const reason of [chromiumMissing, redisMissing]) if (reason) console.log(reason)
}
