import type { RouterCache } from '../cache/router-cache.ts'
import type { ProcedureCall } from '../run-procedure.ts'
import type { HttpRequest } from './http-types.ts'

/**
 * A procedure call of an HTTP request. Its `signal` is the request's, read only when asked for
 * (a getter of the class: see `ResolverCallOptions`), since an adapter may make it on first read.
 */
export class HttpCall implements ProcedureCall {
  readonly ctx: unknown
  readonly rawInput: unknown
  readonly path: string
  readonly cache: RouterCache | undefined
  readonly asText: boolean
  readonly #request: HttpRequest

  constructor(ctx: unknown, rawInput: unknown, path: string, request: HttpRequest, cache?: RouterCache, asText = false) {
    this.ctx = ctx
    this.rawInput = rawInput
    this.path = path
    this.#request = request
    this.cache = cache
    this.asText = asText
  }

  get signal(): AbortSignal | undefined {
    return this.#request.signal
  }
}
