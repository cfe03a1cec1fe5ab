export { initMizan } from './init.ts'
export type { Mizan, MizanOptions } from './init.ts'
export { forEveryUser, forUser } from './audience.ts'
export type { UserKey } from './audience.ts'
export { memoryEvents } from './events/memory-events.ts'
export type { EventBus, EventBusListener } from './events/event-bus.ts'
export type { EventStreamOptions } from './events/event-stream-options.ts'
export { memoryCache } from './cache/memory-cache.ts'
export type { MemoryCacheOptions } from './cache/memory-cache.ts'
export type { CacheKey, CacheReservation, CacheScope, PurgeSelector, ResultCache } from './cache/result-cache.ts'
export type { FieldKeys } from './protocol/field-keys.ts'
export { MizanError, toMizanError } from './error.ts'
export type { MizanErrorOptions } from './error.ts'
export { MiddlewareResult } from './middleware.ts'
export type { MiddlewareFn, MiddlewareOptions, NextFn, Overwrite } from './middleware.ts'
export type { ContextBuilder } from './context-builder.ts'
export type { ContextProcedure, ContextProcedureBase, ParamContextProcedure } from './context-procedure.ts'
export type { MutationBuilder } from './mutation-builder.ts'
export type { MutationProcedure } from './mutation-procedure.ts'
export type { AnyProcedure, ContextScope, ProcedureKind, ProcedureMeta, ResolverOptions } from './procedure.ts'
export type {
  AnyContextProcedure,
  AudienceTarget,
  ContextTarget,
  ExactTarget,
  InvalidatesOnSuccessFn,
  InvalidatesOnSuccessOptions,
  InvalidatesOptions,
  InvalidatesSpec,
  InvalidationTarget,
  PartialTarget,
  Targets,
} from './target.ts'
export type { AnyRouter, Router, RouterConfig, RouterDef, RouterRecord } from './router.ts'
export { getRouterIndex } from './router-index.ts'
export type { RouterIndex } from './router-index.ts'
export type { Caller, CallerOptions, MutationResult } from './caller.ts'
export type { inferProcedureInput, inferProcedureOutput, inferRouterInputs, inferRouterOutputs } from './infer.ts'
export { stableKey, errorStatus } from './protocol/index.ts'
export type { ErrorCode, InvalidationDirective, ValidationIssue } from './protocol/index.ts'
export { createHttpHandler } from './http/create-handler.ts'
export type { HttpHandler } from './http/create-handler.ts'
export type { ErrorInfo, ErrorSource, HandlerOptions, HeaderRecord, HttpBody, HttpRequest, HttpResponse } from './http/http-types.ts'
export { toWireError } from './http/wire-error.ts'
export type { CsrfOptions, CsrfSecret } from './csrf/csrf-options.ts'
export { jsonTransformer } from './protocol/index.ts'
export type { Transformer, WireError } from './protocol/index.ts'
