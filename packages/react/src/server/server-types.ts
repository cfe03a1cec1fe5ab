import type { AnyRouter, ProcedureNode, RouterNode } from '@mizan/client'
import type { ContextHelpers } from '../react-types.ts'

/**
 * What a context offers on the server: the browser's own key and option factories, with the
 * same types, so code that builds options can serve both. A read's `request` has no HTTP here:
 * its `signal` aborts the call, its headers and batching do nothing.
 */
export type ServerContextHelpers<TInput, TData> = Pick<
  ContextHelpers<TInput, TData>,
  'queryKey' | 'queryOptions' | 'queryFilter' | 'infiniteQueryOptions' | 'infiniteQueryKey'
>

// Mutations have nothing to prefetch: `never`, so using one is a compile error.
type ServerNodeOf<TNode> = TNode extends RouterNode
  ? MizanServerRecord<TNode['_types']['record']>
  : TNode extends ProcedureNode<'context'>
    ? ServerContextHelpers<TNode['_types']['input'], TNode['_types']['output']>
    : never

/** Mapped per property, so only the procedures a file uses are ever computed. */
type MizanServerRecord<TRecord> = { readonly [K in keyof TRecord]: ServerNodeOf<TRecord[K]> }

export type MizanServer<TRouter extends AnyRouter> = MizanServerRecord<TRouter['_types']['record']>
