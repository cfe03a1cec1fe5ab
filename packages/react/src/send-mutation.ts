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

/** How a mutation's function sends a write: `sendMutation`, or `awaitInvalidation` (imported on its own). */
export type MutationSender = (queryClient: QueryClient, path: string, input: unknown, options: Pick<CallOptions, 'headers' | 'signal'> | undefined) => Promise<unknown>

/** Sends a write through the Mizan client of `queryClient`; it settles with its answer. */
export const sendMutation: MutationSender = (queryClient, path, input, options) => registrationOf(queryClient).client.$mutate(path, input, options)
