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
  return runFrom(def, call, trace, 0, call.ctx, undefined)
}

// The chain from step `index` on. Functions of the module, not closures made per call: a busy
// server pays for every allocation of a small write.
function runFrom(def: ProcedureDef, call: ProcedureCall, trace: CallTrace | undefined, index: number, ctx: unknown, input: unknown): MaybePromise<unknown> {
  const step = def.steps[index]
  if (!step) {
    if (trace) {
      trace.resolverRan = true
      trace.ctx = ctx
      trace.input = input
    }
    if (!def.cache || !call.cache) return resolve(def, call, ctx, input)
    const run = () => resolve(def, call, ctx, input)
    return call.cache.read(def, call.path, ctx, input, () => call.signal, run, call.asText === true && def.steps.every((s) => s.kind === 'input'))
  }
  if (step.kind === 'input') {
    return thenOrNow(validateInput(step.schema, call.rawInput), (value) => runFrom(def, call, trace, index + 1, ctx, value))
  }
  return runMiddleware(def, call, trace, step, index, ctx, input)
}

// The call's signal is passed on unread (see `ResolverCallOptions`).
function resolve(def: ProcedureDef, call: ProcedureCall, ctx: unknown, input: unknown): MaybePromise<unknown> {
  return def.resolver(new ResolverCallOptions(ctx, input, call.path, def.meta, call))
}

async function runMiddleware(
  def: ProcedureDef,
  call: ProcedureCall,
  trace: CallTrace | undefined,
  step: Extract<Step, { kind: 'middleware' }>,
  index: number,
  ctx: unknown,
  input: unknown,
): Promise<unknown> {
  const next = (async (opts?: { ctx?: object }) =>
    new MiddlewareResult(await runFrom(def, call, trace, index + 1, opts?.ctx ? { ...(ctx as object), ...opts.ctx } : ctx, input))) as NextFn
  const result: unknown = await step.fn(new MiddlewareCallOptions(ctx, input, call.path, def.meta, call, def.kind, next))
  if (!(result instanceof MiddlewareResult)) {
    throw new MizanError({ code: 'INTERNAL', message: `A middleware of "${call.path}" did not return the result of next()` })
  }
  return result.data
}
