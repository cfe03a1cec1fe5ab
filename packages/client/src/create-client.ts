import type { AnyRouter } from '@mizan/server'
import { jsonTransformer } from '@mizan/server/protocol'
import { createConnection } from './client-options.ts'
import type { ClientOptions } from './client-options.ts'
import type { ClientRuntime, MizanClient, Tools } from './client-types.ts'
import { createInvalidationScheduler } from './invalidation-scheduler.ts'
import { createMutate } from './mutate.ts'
import { createReadBatcher } from './read-batcher.ts'

/**
 * Creates the client of a router, typed from `import type { AppRouter }` alone.
 *
 * @example
 * const client = createClient<AppRouter>({ url: '/mizan', transformer: superjson })
 * const project = await client.project.query({ id: 7 })
 */
export function createClient<TRouter extends AnyRouter>(options: ClientOptions): MizanClient<TRouter> {
  const connection = createConnection(options, jsonTransformer)
  const $scheduler = createInvalidationScheduler({ transformer: connection.transformer, windowMs: options.invalidation?.windowMs })
  // Started only when asked for: `liveEvents()` brings its code with it.
  const events = options.events?.({ connection, scheduler: $scheduler, hasHeaders: options.headers !== undefined })
  // Likewise `csrfSession()`: without it no token is fetched or sent.
  const session = options.session?.(connection)
  // Empty until a tool attaches (`inspect(client)`): an app that inspects nothing ships no inspector.
  const $tools: Tools = {}
  const runtime: ClientRuntime = {
    $scheduler,
    $transformer: connection.transformer,
    // What requests outside the router go through (`fetchWithInvalidation`, the devtools).
    $connection: session ? session.guard(connection) : connection,
    $query: createReadBatcher(connection, options.batch ?? {}, $tools),
    $mutate: createMutate(connection, { scheduler: $scheduler, ownWrites: events, session, tools: $tools }),
    $events: events?.state,
    $close: () => events?.close(),
    $tools,
  }
  return procedureProxy(runtime, []) as MizanClient<TRouter>
}

// A verb ends every call: `project.query(...)` reads, `renameProject.mutate(...)` writes. The
// client knows the router only by its type, so the call itself says which kind it is.
function procedureProxy(runtime: ClientRuntime, path: readonly string[]): unknown {
  return new Proxy(() => {}, {
    get(_target, key) {
      // Never a thenable: `await client` must not look for a procedure named `then`.
      if (typeof key !== 'string' || key === 'then') return undefined
      if (path.length === 0 && key.startsWith('$')) return runtime[key as keyof ClientRuntime]
      return procedureProxy(runtime, [...path, key])
    },
    apply(_target, _this, [input, options]: unknown[]) {
      const verb = path.at(-1)
      const procedure = path.slice(0, -1).join('.')
      const call = verb === 'query' ? runtime.$query : verb === 'mutate' ? runtime.$mutate : undefined
      if (procedure && call) return call(procedure, input, options as never)
      throw new TypeError(`"${path.join('.')}" is not a call: end it with .query(input) or .mutate(input)`)
    },
  })
}
