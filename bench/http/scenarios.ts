import superjson from 'superjson'
import { createClient, csrfSession } from '@mizan/client'
import { createORPCClient } from '@orpc/client'
import { RPCLink } from '@orpc/client/fetch'
import { BatchLinkPlugin } from '@orpc/client/plugins'
import type { RouterClient } from '@orpc/server'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { handlers, isMizan } from './handlers.ts'
import type { Variant, Wire } from './handlers.ts'
import type { MizanBenchRouter } from './servers/mizan.ts'
import { rawCsrfToken } from './servers/raw-work.ts'
import type { OrpcBenchRouter } from './servers/orpc.ts'
import type { TrpcBenchRouter } from './servers/trpc.ts'

export const scenarios = ['read', 'bundle', 'mutation'] as const
export type Scenario = (typeof scenarios)[number]

/** A request exactly as a framework's own client sends it, for the load generator to replay. */
export interface CapturedRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

export interface ScenarioCall {
  /** The scenario's own request (the last the client sent): what the load generator replays. */
  readonly request: CapturedRequest
  /** Every request the client sent for the scenario, in order: a Mizan write's `GET /mizan/session` first. */
  readonly sent: readonly CapturedRequest[]
  /** What the framework's client decoded from the answer. */
  readonly result: unknown
  readonly status: number
}

/** What each scenario must answer, as the client decodes it (Dates survive only with a transformer). */
export function expectedResults(wire: Wire): Record<Scenario, unknown> {
  const asWire = (value: unknown) => (wire === 'superjson' ? value : JSON.parse(JSON.stringify(value)))
  return {
    read: asWire(handlers.listProjects()),
    bundle: asWire([handlers.listProjects(), handlers.getProject({ id: 1 }), handlers.stats()]),
    mutation: asWire(handlers.renameProject({ id: 1, name: 'Renamed' })),
  }
}

/**
 * Runs each scenario once through the variant's real client (the raw baselines: hand-written
 * requests), with a fresh client per scenario, recording the HTTP requests it sends and what it
 * decoded from the answer. A Mizan client fetches its CSRF session before its first write, as in
 * an app: its write then carries the `mizan-csrf` header and the cookie the session set (Node has
 * no cookie jar: the client sends the cookie back itself), which the load generator replays.
 */
export async function captureScenarios(variant: Variant, wire: Wire, origin: string): Promise<Record<Scenario, ScenarioCall>> {
  const calls: Partial<Record<Scenario, ScenarioCall>> = {}
  for (const scenario of scenarios) {
    const sent: CapturedRequest[] = []
    let status = 0
    const recorder: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
      const headers = Object.fromEntries(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)))
      const body = init?.body !== undefined && init.body !== null ? String(init.body) : input instanceof Request && method !== 'GET' ? await input.clone().text() : undefined
      const request: CapturedRequest = { method, path: `${url.pathname}${url.search}`, headers, ...(body ? { body } : {}) }
      sent.push(request)
      const response = await fetch(`${origin}${request.path}`, { method, headers, ...(body === undefined ? {} : { body }) })
      status = response.status
      return response
    }
    const result = await runScenario(variant, wire, origin, scenario, recorder)
    const request = sent.at(-1)
    if (!request) throw new Error(`${variant} ${scenario}: no request was sent`)
    calls[scenario] = { request, sent, result, status }
  }
  return calls as Record<Scenario, ScenarioCall>
}

async function runScenario(variant: Variant, wire: Wire, origin: string, scenario: Scenario, fetch: typeof globalThis.fetch) {
  if (isMizan(variant)) {
    const client = createClient<MizanBenchRouter>({ url: `${origin}/mizan`, fetch, session: csrfSession(), ...(wire === 'superjson' ? { transformer: superjson } : {}) })
    if (scenario === 'read') return client.projects.query()
    if (scenario === 'bundle') return Promise.all([client.projects.query(), client.project.query({ id: 1 }), client.stats.query()])
    return client.renameProject.mutate({ id: 1, name: 'Renamed' })
  }
  if (variant === 'trpc') {
    const client = createTRPCClient<TrpcBenchRouter>({
      links: [httpBatchLink({ url: `${origin}/trpc`, fetch, ...(wire === 'superjson' ? { transformer: superjson } : {}) } as never)],
    })
    if (scenario === 'read') return client.projects.query()
    if (scenario === 'bundle') return Promise.all([client.projects.query(), client.project.query({ id: 1 }), client.stats.query()])
    return client.renameProject.mutate({ id: 1, name: 'Renamed' })
  }
  if (variant === 'orpc' || variant === 'orpc-buffered') {
    const mode = variant === 'orpc-buffered' ? 'buffered' : 'streaming'
    const batch = new BatchLinkPlugin({ groups: [{ condition: () => true, context: {} }], mode })
    const link = new RPCLink({ url: `${origin}/rpc`, fetch, ...(scenario === 'bundle' ? { plugins: [batch] } : {}) })
    const client: RouterClient<OrpcBenchRouter> = createORPCClient(link)
    if (scenario === 'read') return client.projects()
    if (scenario === 'bundle') return Promise.all([client.projects(), client.project({ id: 1 }), client.stats()])
    return client.renameProject({ id: 1, name: 'Renamed' })
  }
  const decode = (value: unknown) => (wire === 'superjson' ? superjson.deserialize(value as never) : value)
  if (scenario === 'read') return decode(await (await fetch(`${origin}/api/projects`)).json())
  if (scenario === 'bundle') return ((await (await fetch(`${origin}${dashboardPath(variant, wire)}`)).json()) as unknown[]).map(decode)
  const body = JSON.stringify(wire === 'superjson' ? superjson.serialize({ id: 1, name: 'Renamed' }) : { id: 1, name: 'Renamed' })
  if (variant === 'express') {
    return decode(await (await fetch(`${origin}/api/renameProject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json())
  }
  // The lean baselines check a double-submit token and answer the data beside what to refetch.
  const headers = { 'content-type': 'application/json', 'x-csrf-token': rawCsrfToken, cookie: `csrf=${rawCsrfToken}` }
  const answer = (await (await fetch(`${origin}/api/renameProject`, { method: 'POST', headers, body })).json()) as { data: unknown }
  return decode(answer.data)
}

/**
 * The bundle route of a raw baseline: the idiomatic app takes `?id=1`; the lean ones take Mizan's
 * items, as the Mizan client encodes them, and decode them as Mizan does (see `rawWork`).
 */
function dashboardPath(variant: Variant, wire: Wire): string {
  if (variant === 'express') return '/api/dashboard?id=1'
  const input = wire === 'superjson' ? superjson.serialize({ id: 1 }) : { id: 1 }
  return `/api/dashboard?items=${encodeURIComponent(JSON.stringify([['projects'], ['project', input], ['stats']]))}`
}
