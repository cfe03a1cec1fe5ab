import autocannon from 'autocannon'
import type { CapturedRequest } from './scenarios.ts'

export interface LoadResult {
  /** Successful (2xx) requests per second over the run. */
  readonly requestsPerSecond: number
  readonly non2xx: number
  readonly errors: number
  /** Response times of 2xx answers, in ms with sub-millisecond resolution. */
  readonly latenciesMs: number[]
}

/**
 * Replays one captured request from this process against a server in another process:
 * 10 connections, for `seconds`, at saturation or at a fixed overall rate.
 */
export function load(origin: string, request: CapturedRequest, options: { seconds: number; rate?: number | undefined; keepLatencies?: boolean }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latenciesMs: number[] = []
    const instance = autocannon(
      {
        url: `${origin}${request.path}`,
        method: request.method as 'GET',
        headers: request.headers,
        body: request.body,
        connections: 10,
        duration: options.seconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
      },
      (error, result) => {
        if (error) return reject(error)
        resolve({
          requestsPerSecond: result['2xx'] / options.seconds,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          latenciesMs,
        })
      },
    )
    if (options.keepLatencies) {
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime)
      })
    }
  })
}

/**
 * `load`, failing on any answer other than 2xx (a refused write, a 403 of the CSRF check, is no
 * throughput) and on any connection error or timeout: the bench measures successful answers only.
 */
export async function loadOnly2xx(origin: string, request: CapturedRequest, options: { seconds: number; rate?: number | undefined; keepLatencies?: boolean }): Promise<LoadResult> {
  const result = await load(origin, request, options)
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${request.method} ${request.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors (connection errors and timeouts)`)
  }
  return result
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}
