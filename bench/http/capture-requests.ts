import { startBenchServer } from './bench-server.ts'
import type { BenchServerOptions } from './bench-server.ts'
import type { Variant, Wire } from './handlers.ts'
import { captureScenarios, scenarios } from './scenarios.ts'
import type { CapturedRequest, Scenario } from './scenarios.ts'

/** Each variant's requests as its own client sends them, by variant key (`mizan/superjson`), for the load generator. */
export async function captureRequests(variants: ReadonlyArray<readonly [Variant, Wire]>, options: BenchServerOptions = {}): Promise<Map<string, Record<Scenario, CapturedRequest>>> {
  const requests = new Map<string, Record<Scenario, CapturedRequest>>()
  for (const [variant, wire] of variants) {
    const server = await startBenchServer(variant, wire, options)
    try {
      const calls = await captureScenarios(variant, wire, server.origin)
      requests.set(`${variant}/${wire}`, Object.fromEntries(scenarios.map((scenario) => [scenario, calls[scenario].request])) as Record<Scenario, CapturedRequest>)
    } finally {
      await server.stop()
    }
  }
  return requests
}
