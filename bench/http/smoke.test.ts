import { afterAll, describe, expect, it } from 'vitest'
import { startBenchServer } from './bench-server.ts'
import type { BenchServer } from './bench-server.ts'
import type { Variant, Wire } from './handlers.ts'
import { captureScenarios, expectedResults, scenarios } from './scenarios.ts'

// The benchmark never measures error answers: every variant's server answers every scenario
// correctly, through its own client's wire format.
const variants: Array<[Variant, Wire]> = [
  ['express', 'superjson'],
  ['express', 'json'],
  ['mizan', 'superjson'],
  ['mizan', 'json'],
  ['trpc', 'superjson'],
  ['trpc', 'json'],
  ['orpc', 'json'],
]

describe.each(variants)('bench server %s (%s)', (variant, wire) => {
  let server: BenchServer | undefined
  afterAll(() => server?.stop())

  it('answers every scenario with the expected data', async () => {
    server = await startBenchServer(variant, wire, 'source')
    const calls = await captureScenarios(variant, wire, server.origin)
    const expected = expectedResults(variant === 'orpc' ? 'superjson' : wire)
    for (const scenario of scenarios) {
      // 2xx: oRPC answers its batches with 207 Multi-Status.
      expect(calls[scenario].status, `${scenario} status`).toBeGreaterThanOrEqual(200)
      expect(calls[scenario].status, `${scenario} status`).toBeLessThan(300)
      expect(calls[scenario].result, scenario).toEqual(expected[scenario])
    }
    if (variant !== 'express') expect(calls.bundle.request.path, 'one request for the bundle').not.toBe(calls.read.request.path)
  }, 60_000)
})
