import type { NextFn } from './middleware.ts'
import type { ProcedureKind, ProcedureMeta } from './procedure.ts'

/** What gives a call its abort signal when it is asked for (see `nodeRequestOf`). */
export interface SignalSource {
  readonly signal: AbortSignal | undefined
}

/**
 * A resolver's options. `signal` is a getter on the class, not a field: read, it asks the call
 * for its signal, which an adapter may only then make (an AbortController costs a small write
 * about a tenth of its time on a busy server, and most resolvers never read it). A getter of the
 * class, not of each object, keeps these objects as cheap to make as plain ones. Destructuring
 * (`({ ctx, input, signal })`) reads it; a spread (`{ ...opts }`) copies own fields only.
 */
export class ResolverCallOptions {
  readonly ctx: unknown
  readonly input: unknown
  readonly path: string
  readonly meta: ProcedureMeta
  readonly #source: SignalSource

  constructor(ctx: unknown, input: unknown, path: string, meta: ProcedureMeta, source: SignalSource) {
    this.ctx = ctx
    this.input = input
    this.path = path
    this.meta = meta
    this.#source = source
  }

  get signal(): AbortSignal | undefined {
    return this.#source.signal
  }
}

/** A middleware's options: a resolver's, with the procedure's kind and `next`. */
export class MiddlewareCallOptions extends ResolverCallOptions {
  readonly type: ProcedureKind
  readonly next: NextFn

  constructor(ctx: unknown, input: unknown, path: string, meta: ProcedureMeta, source: SignalSource, type: ProcedureKind, next: NextFn) {
    super(ctx, input, path, meta, source)
    this.type = type
    this.next = next
  }
}
