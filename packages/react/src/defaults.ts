import { MizanClientError } from '@mizan/client'
import { SetupError } from './client-registry.ts'

/** Writes announce what they change, so Mizan data may stay fresh for long; other users' writes bound it. */
export const defaultStaleTime = 30_000

/**
 * Retries network failures and 5xx up to 3 times; a 4xx means the request itself is wrong, and
 * a QueryClient without a Mizan client stays without one until the app's code changes.
 */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof SetupError || (error instanceof MizanClientError && error.isClientError)) return false
  return failureCount < 3
}
