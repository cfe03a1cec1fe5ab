import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchRedisMissing, startBenchRedis } from './bench-redis.ts'
import type { BenchRedis } from './bench-redis.ts'
import { startBenchServer } from './bench-server.ts'
import type { BenchServer } from './bench-server.ts'
import { isMizan } from './handlers.ts'
import type { Variant, Wire } from './handlers.ts'
import { loadOnly2xx } from './load.ts'
import { captureScenarios, expectedResults, scenarios } from './scenarios.ts'
import type { CapturedRequest } from './scenarios.ts'
import type { Computed } from './servers/mizan-setup.ts'
import { computedRoute } from './servers/mizan.ts'

// The benchmark never measures error answers: every variant's server answers every scenario
// correctly, through its own client's wire format.
const variants: Array<[Variant, Wire]> = [
  ['node-bare', 'superjson'],
  ['express-lean', 'superjson'],
  ['express', 'superjson'],
  ['express', 'json'],
  ['mizan', 'superjson'],
  ['mizan', 'json'],
  ['mizan-node', 'superjson'],
  ['mizan-cache-events', 'superjson'],
  ['mizan-cached-memory', 'superjson'],
  ['mizan-cached-redis', 'superjson'],
  ['mizan-csrf-off', 'superjson'],
  ['trpc', 'superjson'],
  ['trpc', 'json'],
  ['orpc', 'json'],
  ['orpc-buffered', 'json'],
]

// What a write of project 1 tells the client to refetch, as the wire carries it: Mizan's answer
// and the lean baselines' hand-written one alike.
const wireDirectivesOf = (wire: Wire) => [
  { kind: 'whole', context: 'projects' },
  { kind: 'exact', context: 'project', params: wire === 'superjson' ? superjson.serialize({ id: 1 }) : { id: 1 } },
]

// The Redis variant needs a real redis-server: skipped with one line without one, except in CI.
const redisMissing = benchRedisMissing()
if (redisMissing && process.env['CI']) throw new Error(`The bench's Redis cache variant needs a real redis-server: ${redisMissing}`)
if (redisMissing) console.warn(`Skipping the bench's Redis cache variant: ${redisMissing}`)
let redis: BenchRedis | undefined
beforeAll(async () => {
  if (!redisMissing) redis = await startBenchRedis()
})
afterAll(() => redis?.stop())

describe.each(variants)('bench server %s (%s)', (variant, wire) => {
  let server: BenchServer | undefined
  afterAll(() => server?.stop())

  it.skipIf(variant === 'mizan-cached-redis' && redisMissing !== undefined)('answers every scenario with the expected data', async () => {
    server = await startBenchServer(variant, wire, { mizanFrom: 'source', redisPort: redis?.port })
    const calls = await captureScenarios(variant, wire, server.origin)
    const expected = expectedResults(variant.startsWith('orpc') ? 'superjson' : wire)
    for (const scenario of scenarios) {
      // 2xx: oRPC answers its batches with 207 Multi-Status.
      expect(calls[scenario].status, `${scenario} status`).toBeGreaterThanOrEqual(200)
      expect(calls[scenario].status, `${scenario} status`).toBeLessThan(300)
      expect(calls[scenario].result, scenario).toEqual(expected[scenario])
    }
    if (variant !== 'express') expect(calls.bundle.request.path, 'one request for the bundle').not.toBe(calls.read.request.path)

    if (isMizan(variant)) {
      // The client fetched its CSRF session before its write; the write carries the token (check on) or none (off).
      const { sent, request } = calls.mutation
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /mizan/session', `POST ${request.path}`])
      if (variant === 'mizan-csrf-off') {
        expect(request.headers).not.toHaveProperty('mizan-csrf')
        expect(request.headers).not.toHaveProperty('cookie')
      } else {
        expect(request.headers['mizan-csrf']).toMatch(/^[\w-]{43}\.[\w-]{43}$/)
        expect(request.headers['cookie']).toBe(`mizan-csrf=${request.headers['mizan-csrf']}`)
      }
      // The directives on the wire are the ones the lean baselines answer by hand (below).
      const answer = (await (await fetch(`${server!.origin}${request.path}`, { method: 'POST', headers: request.headers, body: request.body ?? null })).json()) as { invalidate: unknown }
      expect(answer.invalidate).toEqual(wireDirectivesOf(wire))
    }

    if (variant === 'node-bare' || variant === 'express-lean') {
      // The lean baselines' write does what Mizan's does: token checked, directives answered.
      const { request } = calls.mutation
      const send = (headers: Record<string, string>) => fetch(`${server!.origin}${request.path}`, { method: 'POST', headers, body: request.body ?? null })
      const answer = (await (await send(request.headers)).json()) as { invalidate: unknown }
      expect(answer.invalidate).toEqual(wireDirectivesOf(wire))
      expect((await send({ ...request.headers, cookie: 'csrf=other-token-of-the-same-length-0123456789abcdefghi' })).status).toBe(403)
      expect((await send(without(request, 'x-csrf-token').headers)).status).toBe(403)
    }

    if (variant.startsWith('mizan-cached')) {
      // What the benchmark replays is served from the cache: computed once (the mutation purged it), then hit.
      const computed = async () => (await (await fetch(`${server!.origin}${computedRoute}`)).json()) as Computed
      const before = await computed()
      const { method, path, headers } = calls.read.request
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.origin}${path}`, { method, headers })).status).toBe(200)
      expect((await computed()).listProjects - before.listProjects).toBe(1)
    }
  }, 60_000)
})

// The load generator replays a write captured on one server process against fresh ones: with the
// check on, those accept its token (the run's secret is theirs too), and refuse a write without
// it, which fails the measurement rather than being counted.
describe.each<[Variant, Wire]>([
  ['mizan', 'superjson'],
  ['mizan', 'json'],
  ['mizan-node', 'superjson'],
])('bench server %s (%s) with the CSRF check on', (variant, wire) => {
  const servers: BenchServer[] = []
  afterAll(() => Promise.all(servers.map((server) => server.stop())))

  it('accepts the captured write in a fresh process and refuses one without the token or the cookie', async () => {
    const capturedOn = await startBenchServer(variant, wire, { mizanFrom: 'source' })
    servers.push(capturedOn)
    const { request } = (await captureScenarios(variant, wire, capturedOn.origin)).mutation
    const fresh = await startBenchServer(variant, wire, { mizanFrom: 'source' })
    servers.push(fresh)
    const send = (r: CapturedRequest) => fetch(`${fresh.origin}${r.path}`, { method: r.method, headers: r.headers, body: r.body ?? null })

    for (let i = 0; i < 3; i++) {
      const response = await send(request)
      expect(response.status).toBe(200)
      expect(await response.json()).toHaveProperty('data')
    }
    const refusals: Record<string, CapturedRequest> = {
      'no token header': without(request, 'mizan-csrf'),
      'no cookie': without(request, 'cookie'),
      'a cookie other than the token': { ...request, headers: { ...request.headers, cookie: 'mizan-csrf=other' } },
      'a token of another secret': { ...request, headers: { ...request.headers, 'mizan-csrf': forged, cookie: `mizan-csrf=${forged}` } },
    }
    for (const [name, refused] of Object.entries(refusals)) {
      const response = await send(refused)
      expect(response.status, name).toBe(403)
      expect(((await response.json()) as { error: { code: string } }).error.code, name).toBe('CSRF')
    }

    // What measure() runs: only 2xx answers pass.
    expect((await loadOnly2xx(fresh.origin, request, { seconds: 1 })).requestsPerSecond).toBeGreaterThan(0)
    await expect(loadOnly2xx(fresh.origin, refusals['no token header']!, { seconds: 1 })).rejects.toThrow(/non-2xx answers/)
  }, 60_000)
})

// Well-formed (nonce.MAC, base64url) but signed by no secret of this run.
const forged = `${'A'.repeat(43)}.${'B'.repeat(43)}`

function without(request: CapturedRequest, header: string): CapturedRequest {
  const { [header]: _dropped, ...headers } = request.headers
  return { ...request, headers }
}
