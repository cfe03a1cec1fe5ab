import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { AnyMiddlewareFn } from './middleware.ts'
import { freezeState } from './procedure.ts'
import type { BuilderState, ProcedureMeta } from './procedure.ts'

// Each helper returns a new frozen state with new arrays: two procedures built from one base
// never share a mutable piece.

export function addInput(state: BuilderState, schema: StandardSchemaV1): BuilderState {
  if (state.hasInput) throw new TypeError('input() was already called on this builder: a procedure takes one input schema')
  if (!schema || (typeof schema !== 'object' && typeof schema !== 'function') || !('~standard' in schema)) {
    throw new TypeError('input() needs a Standard Schema (zod 4, valibot 1, arktype 2...)')
  }
  return freezeState({ ...state, hasInput: true, steps: [...state.steps, { kind: 'input', schema }] })
}

export function addMiddleware(state: BuilderState, fn: AnyMiddlewareFn): BuilderState {
  if (typeof fn !== 'function') throw new TypeError('use() needs a middleware function')
  return freezeState({ ...state, steps: [...state.steps, { kind: 'middleware', fn }] })
}

export function addMeta(state: BuilderState, meta: ProcedureMeta): BuilderState {
  return freezeState({ ...state, meta: { ...state.meta, ...meta } })
}
