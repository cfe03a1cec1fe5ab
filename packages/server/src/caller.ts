import { MizanError, toMizanError } from './error.ts'
import type { ErrorInfo } from './http/http-types.ts'
import { newMutationId } from './http/mutation-id.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import type { AnyRouter, RouterRecord } from './router.ts'
import { getRouterIndex } from './router-index.ts'
import type { RouterIndex } from './router-index.ts'
import { runMutation } from './run-mutation.ts'
import { runProcedure } from './run-procedure.ts'

export interface CallerOptions {
  /** Aborts every call made through this caller; resolvers see it as `signal`. */
  readonly signal?: AbortSignal
  /**
   * Called with errors a call does not throw: a target function that threw after the resolver
   * ran (the call then carries an `all` directive: a committed write still succeeds, a failed one
   * throws its own error). Thrown errors reach the caller as usual.
   */
  readonly onError?: (info: ErrorInfo) => void
}

/** What a mutation answers: its data and the directives of what it changed. */
export interface MutationResult<TData> {
  readonly data: TData
  readonly invalidate: readonly InvalidationDirective[]
}

type CallFn<TInput, TResult> = [TInput] extends [void]
  ? () => Promise<TResult>
  : undefined extends TInput
    ? (input?: TInput) => Promise<TResult>
    : (input: TInput) => Promise<TResult>

// What a node is told by: its kind, and the members of its types a call reads. Relations rather
// than `infer`, which would instantiate each node's types again to extract them.
interface RouterNode {
  readonly _kind: 'router'
  readonly _types: { readonly record: RouterRecord }
}
interface ProcedureNode {
  readonly _types: { readonly input: unknown; readonly output: unknown }
}
interface MutationNode extends ProcedureNode {
  readonly _kind: 'mutation'
}

type NodeCaller<TNode> = TNode extends RouterNode
  ? Caller<TNode['_types']['record']>
  : TNode extends MutationNode
    ? CallFn<TNode['_types']['input'], MutationResult<TNode['_types']['output']>>
    : TNode extends ProcedureNode
      ? CallFn<TNode['_types']['input'], TNode['_types']['output']>
      : never

/** Procedures as typed functions, computed per property when used (never the whole router at once). */
export type Caller<TRecord extends RouterRecord> = { readonly [K in keyof TRecord]: NodeCaller<TRecord[K]> }

/**
 * A typed proxy running procedures in process. A failing mutation throws a MizanError whose
 * `invalidate` lists what it may still have changed; a committed one always resolves, its
 * directives widened where its targets could not be resolved precisely.
 */
export function createCaller(router: AnyRouter, ctx: unknown, options: CallerOptions = {}): never {
  const index = getRouterIndex(router)
  return callerProxy(index, ctx, options, []) as never
}

function callerProxy(index: RouterIndex, ctx: unknown, options: CallerOptions, path: readonly string[]): unknown {
  return new Proxy(noop, {
    get: (_target, key) => {
      // Never a thenable: `await caller` must not look for a `then` procedure.
      if (typeof key !== 'string' || key === 'then') return undefined
      return callerProxy(index, ctx, options, [...path, key])
    },
    apply: (_target, _this, args: unknown[]) => call(index, ctx, options, path.join('.'), args[0]),
  })
}

function noop(): void {}

async function call(index: RouterIndex, ctx: unknown, options: CallerOptions, path: string, rawInput: unknown) {
  const procedure = index.procedures.get(path)
  if (!procedure) throw new MizanError({ code: 'NOT_FOUND', message: `No procedure "${path}"` })
  const request = { ctx, rawInput, path, signal: options.signal, cache: index.cache }
  if (procedure._kind === 'context') {
    try {
      return await runProcedure(procedure._def, request)
    } catch (error) {
      throw toMizanError(error)
    }
  }
  const report = (error: unknown) => {
    // An `onError` that throws must not turn a committed write into a failure.
    try {
      options.onError?.({ error, type: 'mutation', path })
    } catch {}
  }
  // A fresh id: the event of this write is told apart from any other's.
  const outcome = await runMutation(index, procedure._def, request, newMutationId(), report)
  const invalidate = outcome.invalidate.map(({ directive }) => directive)
  if (outcome.ok) return { data: outcome.data, invalidate }
  const error = toMizanError(outcome.error)
  error.invalidate = invalidate
  throw error
}
