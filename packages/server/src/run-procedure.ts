import type { RouterCache } from './cache/router-cache.ts'
import { MiddlewareCallOptions, ResolverCallOptions } from './call-options.ts'
import { MizanError } from './error.ts'
import { MiddlewareResult } from './middleware.ts'
import type { NextFn } from './middleware.ts'
import type { MaybePromise, ProcedureDef, Step } from './procedure.ts'
import { thenOrNow } from './then-or-now.ts'
import { validateInput } from './validate-input.ts'

export interface ProcedureCall {
  readonly ctx: unknown
  /** The input as received, before validation. */
  readonly rawInput: unknown
  readonly path: string
  /** Passed on unread (see `ResolverCallOptions`): an HTTP call's is made on first read. */
  readonly signal: AbortSignal | undefined
  /** The router's result cache: a `.cache()` context's resolver runs behind it. */
  readonly cache?: RouterCache | undefined
  /**
   * Set by an answer that serialises the result at once: a cached result may then come as a
   * `SerializedResult` (its stored text), when no middleware of the procedure could see it.
   */
  readonly asText?: boolean | undefined
}

/** Filled in as the chain runs: what the resolver saw, for invalidation targets of the call. */
export interface CallTrace {
  resolverRan: boolean
  ctx: unknown
  input: unknown
}

/**
 * Runs a procedure's chain in declared order (middleware and input validation), then its
 * resolver. A middleware's `next({ ctx })` sets fields over the context for what follows.
 *
 * Synchronous steps run synchronously: a chain of synchronous validation and a synchronous
 * resolver gives its value (or throws) with no promise made, a busy server's writes paying for
 * each promise; whatever is asynchronous (a schema, middleware, the resolver) gives a promise or
 * the resolver's thenable. Await the result, so that both are one to the caller.
 */
export function runProcedure(def: ProcedureDef, call: ProcedureCall, trace?: CallTrace): MaybePromise<unknown> {
  const { steps, resolver, meta } = def
  const { path } = call

  const runFrom = (index: number, ctx: unknown, input: unknown): MaybePromise<unknown> => {
    const step = steps[index]
    if (!step) {
      if (trace) {
        trace.resolverRan = true
        trace.ctx = ctx
        trace.input = input
      }
      // The call's signal is passed on unread (see `ResolverCallOptions`).
      const run = () => resolver(new ResolverCallOptions(ctx, input, path, meta, call))
      if (!def.cache || !call.cache) return run()
      return call.cache.read(def, path, ctx, input, () => call.signal, run, call.asText === true && def.steps.every((s) => s.kind === 'input'))
    }
    if (step.kind === 'input') {
      return thenOrNow(validateInput(step.schema, call.rawInput), (value) => runFrom(index + 1, ctx, value))
    }
    return runMiddleware(step, index, ctx, input)
  }

  const runMiddleware = async (step: Extract<Step, { kind: 'middleware' }>, index: number, ctx: unknown, input: unknown): Promise<unknown> => {
    const next = (async (opts?: { ctx?: object }) =>
      new MiddlewareResult(await runFrom(index + 1, opts?.ctx ? { ...(ctx as object), ...opts.ctx } : ctx, input))) as NextFn
    const result: unknown = await step.fn(new MiddlewareCallOptions(ctx, input, path, meta, call, def.kind, next))
    if (!(result instanceof MiddlewareResult)) {
      throw new MizanError({ code: 'INTERNAL', message: `A middleware of "${path}" did not return the result of next()` })
    }
    return result.data
  }

  return runFrom(0, call.ctx, undefined)
}
