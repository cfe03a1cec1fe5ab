import type { AnyRouter } from './router.ts'

// What a node is told by: its kind, and the one member of its types a lookup reads. Relations
// rather than `infer`, which would instantiate each node's types again to extract them.
interface RouterNode {
  readonly _kind: 'router'
  readonly _types: { readonly record: unknown }
}
interface ProcedureNode<TKey extends 'input' | 'output'> {
  readonly _kind: 'context' | 'mutation'
  readonly _types: { readonly [K in TKey]: unknown }
}

type NodeTypes<TNode, TKey extends 'input' | 'output'> = TNode extends RouterNode
  ? RecordTypes<TNode['_types']['record'], TKey>
  : TNode extends ProcedureNode<TKey>
    ? TNode['_types'][TKey]
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
