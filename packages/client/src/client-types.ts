import type { AnyRouter } from '@mizan/server'
import type { Transformer } from '@mizan/server/protocol'
import type { CallOptions, Connection, QueryOptions } from './client-options.ts'
import type { Inspector } from './inspector.ts'
import type { InvalidationScheduler } from './invalidation-scheduler.ts'
import type { LiveEventsState } from './live-events.ts'
import type { MutateOptions } from './mutate.ts'
import type { ProcedureNode, RouterNode } from './node-kinds.ts'

type CallFn<TInput, TOptions, TResult> = [TInput] extends [void]
  ? (input?: undefined, options?: TOptions) => Promise<TResult>
  : undefined extends TInput
    ? (input?: TInput, options?: TOptions) => Promise<TResult>
    : (input: TInput, options?: TOptions) => Promise<TResult>

type ClientNode<TNode> = TNode extends RouterNode
  ? ClientRecord<TNode['_types']['record']>
  : TNode extends ProcedureNode<'mutation'>
    ? { readonly mutate: CallFn<TNode['_types']['input'], CallOptions, TNode['_types']['output']> }
    : TNode extends ProcedureNode<'context'>
      ? { readonly query: CallFn<TNode['_types']['input'], QueryOptions, TNode['_types']['output']> }
      : never

/** A mapped type: each procedure's client type is computed only when that property is used. */
type ClientRecord<TRecord> = { readonly [K in keyof TRecord]: ClientNode<TRecord[K]> }

/** The runtime's own members; `$` never starts a procedure name, so they cannot collide. */
export interface ClientRuntime {
  /** Collects the directives of every write and flushes them once per microtask. */
  readonly $scheduler: InvalidationScheduler
  /** How values travel: the transformer the client was created with. */
  readonly $transformer: Transformer
  /**
   * How the client reaches its server (its url, transformer, `fetch`, headers), for requests
   * outside the router: with `csrfSession()`, writes to the router's origin carry the token.
   * `fetchWithInvalidation(client)` sends through it.
   */
  readonly $connection: Connection
  /** An untyped read by dotted path, batched like the typed ones. */
  $query(path: string, input?: unknown, options?: QueryOptions): Promise<unknown>
  /** An untyped write by dotted path; `onDirectives` learns the answer's id before its flush. */
  $mutate(path: string, input?: unknown, options?: MutateOptions): Promise<unknown>
  /** The state of live events when the client was created with `events: liveEvents()`; undefined otherwise. */
  readonly $events: LiveEventsState | undefined
  /**
   * Ends what the client keeps running: the event stream, its reconnect timer, the channel to
   * other tabs (another tab then takes over the stream). Calls in flight still settle.
   */
  $close(): void
  /**
   * Where development tools attach to this client: `inspect(client)` puts its inspector here,
   * which then watches its writes, the flushes a bridge applied, its bundled read requests.
   */
  readonly $tools: Tools
}

/** The tools attached to a client; none until one is (see `inspect`). */
export interface Tools {
  inspector?: Inspector
}

/**
 * The typed client of a router: `client.project.query({ id })`, `client.renameProject.mutate(input)`,
 * `client.shop.cart.query()`. Built from the router's type alone.
 */
export type MizanClient<TRouter extends AnyRouter> = ClientRecord<TRouter['_types']['record']> & ClientRuntime
