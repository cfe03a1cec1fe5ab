import type { QueryClient } from '@tanstack/react-query'
import type { CallOptions } from '@mizan/client'
import { registrationOf } from './client-registry.ts'

/**
 * Request options of a write from a hook, like tRPC's per-call context: `headers` over the
 * client's own and a `signal` that aborts it; a function of the input gives each call its own.
 *
 * @example
 * useMutation(mizan.pay.mutationOptions({ request: (input) => ({ headers: { 'idempotency-key': input.orderId } }) }))
 */
export type MutationRequest<TInput> = Pick<CallOptions, 'headers' | 'signal'> | ((input: TInput) => Pick<CallOptions, 'headers' | 'signal'>)

/**
 * Sends a write through the Mizan client of `queryClient`. With `awaitInvalidation`, it settles
 * (success or error alike) only once the active queries its directives hit have refetched.
 */
export async function sendMutation(
  queryClient: QueryClient,
  path: string,
  input: unknown,
  request: MutationRequest<unknown> | undefined,
  awaitInvalidation: boolean,
): Promise<unknown> {
  const registration = registrationOf(queryClient)
  const options = typeof request === 'function' ? request(input) : request
  if (!awaitInvalidation) return registration.client.$mutate(path, input, options)
  let refetched: Promise<void> | undefined
  try {
    return await registration.client.$mutate(path, input, {
      ...options,
      // Before the directives are enqueued, so the wait covers the flush that applies them.
      onDirectives: (_id, count) => {
        if (count > 0) refetched = registration.wiring?.afterNextFlush()
      },
    })
  } finally {
    await refetched
  }
}
