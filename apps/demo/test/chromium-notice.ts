import { chromiumMissing } from './chromium.ts'

/** Vitest global setup: says once per run, in one line, why the browser tests are skipped. */
export default function chromiumNotice(): void {
  if (chromiumMissing) console.log(chromiumMissing)
}
