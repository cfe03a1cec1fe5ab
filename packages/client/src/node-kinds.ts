// What the API types (the client's, the React bridge's) tell a router record's nodes by: their
// kind, and the members of their types a call reads. Relations rather than `infer`, which would
// instantiate each node's types again to extract them (see bench/type-check).

/** A router nested in a router record. */
export interface RouterNode {
  readonly _kind: 'router'
  readonly _types: { readonly record: unknown }
}

/** A context or a mutation of a router record. */
export interface ProcedureNode<TKind extends 'context' | 'mutation'> {
  readonly _kind: TKind
  readonly _types: { readonly input: unknown; readonly output: unknown }
}
