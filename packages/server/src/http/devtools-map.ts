import type { RouterIndex } from '../router-index.ts'
import type { HttpResponse } from './http-types.ts'
import { invalidationMapOf } from './invalidation-map.ts'
import { jsonResponse } from './responses.ts'

/**
 * The answer of the map route, or undefined when it is off: the `devtools` option when given,
 * else on wherever `NODE_ENV` is known and is not `production` (a runtime with no `process`, such
 * as a worker, keeps it off unless asked). Built once, on first request.
 */
export function devtoolsMap(index: RouterIndex, option: boolean | undefined): (() => HttpResponse) | undefined {
  if (!(option ?? developing())) return undefined
  let answer: HttpResponse | undefined
  return () => (answer ??= jsonResponse(200, invalidationMapOf(index)))
}

function developing(): boolean {
  return typeof process !== 'undefined' && process.env['NODE_ENV'] !== 'production'
}
