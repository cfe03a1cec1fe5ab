import { bundleStreamType } from '../protocol/wire.ts'
import type { HttpResponse } from './http-types.ts'
import { inSettleOrder } from './in-settle-order.ts'

// As the JSON answers (see responses.ts), plus `x-accel-buffering: no`: nginx would otherwise
// hold the lines back until the whole answer is there, which is what streaming avoids.
const streamHeaders = {
  'content-type': `${bundleStreamType}; charset=utf-8`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-accel-buffering': 'no',
} as const

/**
 * A bundle answered line by line as its items settle: `[index,answer]\n` per item (see
 * `StreamedAnswer`), `answers` being each item's answer already serialised to JSON text (which
 * `JSON.stringify` writes without a raw newline, so it cannot break the framing). An answer that
 * rejects (it should not: items catch their own errors) is `failed(error)`.
 */
export function streamedBundleResponse(answers: readonly Promise<string>[], failed: (error: unknown) => string): HttpResponse {
  const settled = inSettleOrder(answers, failed)
  return { status: 200, headers: streamHeaders, body: lines(settled) }
}

async function* lines(settled: AsyncIterable<ReadonlyArray<readonly [number, string]>>): AsyncGenerator<string> {
  for await (const batch of settled) {
    yield batch.map(([index, answer]) => `[${index},${answer}]\n`).join('')
  }
}
