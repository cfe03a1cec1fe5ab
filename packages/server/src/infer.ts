import type { AnyRouter } from './router.ts'

type NodeTypes<TNode, TKey extends 'input' | 'output'> = TNode extends {
  readonly _kind: 'router'
  readonly _types: { readonly record: infer TRecord }
}
  ? RecordTypes<TRecord, TKey>
  : TNode extends { readonly _types: infer TTypes extends { input: unknown; output: unknown } }
    ? TTypes[TKey]
    : never

// A mapped type: each procedure's types are computed only when that property is read.
type RecordTypes<TRecord, TKey extends 'input' | 'output'> = { [K in keyof TRecord]: NodeTypes<TRecord[K], TKey> }

/** The input type of every procedure, by path: `inferRouterInputs<AppRouter>['shop']['addItem']`. */
export type inferRouterInputs<TRouter extends AnyRouter> = RecordTypes<TRouter['_types']['record'], 'input'>

/** The data type of every procedure, by path: `inferRouterOutputs<AppRouter>['project']`. */
export type inferRouterOutputs<TRouter extends AnyRouter> = RecordTypes<TRouter['_types']['record'], 'output'>

export type inferProcedureInput<TProcedure extends { readonly _types: { readonly input: unknown } }> =
  TProcedure['_types']['input']

export type inferProcedureOutput<TProcedure extends { readonly _types: { readonly output: unknown } }> =
  TProcedure['_types']['output']
