import type { Caller, CallerOptions } from './caller.ts'
import { createCaller } from './caller.ts'
import type { AnyProcedure } from './procedure.ts'
import type { Transformer } from './protocol/transformer.ts'
import type { ResultCache } from './cache/result-cache.ts'
import type { UserKeyFn } from './cache/router-cache.ts'
import type { EventHub } from './events/event-hub.ts'

/** What a router holds: procedures and nested routers, by name. */
export interface RouterRecord {
  readonly [name: string]: AnyProcedure | AnyRouter
}

/** Settings of the `initMizan` instance a router was made by; the root router's apply. */
export interface RouterConfig {
  readonly transformer: Transformer
  /** Where `.cache()` contexts keep their results; none: nothing is cached. */
  readonly cache: ResultCache | undefined
  readonly userKey: UserKeyFn | undefined
  /** The event streams and bus shared by every router of one `create()`; none: events are off. */
  readonly events: EventHub | undefined
}

export interface RouterDef {
  readonly config: RouterConfig
  readonly record: RouterRecord
  /** Every procedure below this router by its whole dotted path (`shop.cart`). */
  readonly procedures: ReadonlyMap<string, AnyProcedure>
}

export interface Router<TCtx, TRecord extends RouterRecord> {
  readonly _kind: 'router'
  readonly _def: RouterDef
  /** Only in the types: the request context and the record, read lazily by the inference helpers. */
  readonly _types: { readonly ctx: TCtx; readonly record: TRecord }
  /**
   * Runs procedures directly (no HTTP), with validation, middleware and invalidation resolution:
   * for SSR, scripts and tests. The first call checks the router's invalidation targets.
   *
   * @example const { data, invalidate } = await appRouter.createCaller({ user }).renameProject({ id: 7, name: 'A' })
   */
  createCaller(ctx: TCtx, options?: CallerOptions): Caller<TRecord>
}

export interface AnyRouter {
  readonly _kind: 'router'
  readonly _def: RouterDef
  // `any`: a router of any context and record fits here.
  readonly _types: { readonly ctx: any; readonly record: any }
}

export function isRouter(value: unknown): value is AnyRouter {
  return typeof value === 'object' && value !== null && (value as AnyRouter)._kind === 'router'
}

function isProcedure(value: unknown): value is AnyProcedure {
  const kind = (value as AnyProcedure | null)?._kind
  return (typeof value === 'object' || typeof value === 'function') && (kind === 'context' || kind === 'mutation')
}

/** Assembles a router; names become dotted paths (`shop.addItem`) on the wire. */
export function createRouter<TCtx, TRecord extends RouterRecord>(record: TRecord, config: RouterConfig): Router<TCtx, TRecord> {
  const procedures = new Map<string, AnyProcedure>()
  for (const [name, node] of Object.entries(record)) {
    assertName(name)
    if (isRouter(node)) {
      for (const [path, procedure] of node._def.procedures) procedures.set(`${name}.${path}`, procedure)
    } else if (isProcedure(node)) {
      procedures.set(name, node)
    } else {
      throw new TypeError(`Router entry "${name}" is neither a procedure nor a router`)
    }
  }
  const def: RouterDef = Object.freeze({ config, record: Object.freeze({ ...record }), procedures })
  const router = {
    _kind: 'router',
    _def: def,
    createCaller: (ctx: TCtx, options?: CallerOptions) => createCaller(router, ctx, options),
  } as Omit<Router<TCtx, TRecord>, '_types'> as Router<TCtx, TRecord>
  return Object.freeze(router)
}

function assertName(name: string): void {
  // A dot would make two different trees share a path; `then` would make the client a thenable;
  // `$` starts the client runtime's own members.
  if (name === '' || name.includes('.') || name === 'then' || name.startsWith('$')) {
    throw new TypeError(
      `"${name}" cannot name a procedure or router: use a non-empty name without dots, not starting with "$", other than "then"`,
    )
  }
}
