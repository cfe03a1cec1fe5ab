import { wireDefaults } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { ErrorInfo, HandlerOptions } from './http-types.ts'

/** The server's own limits (those the client must know too are in `wireDefaults`). */
export const handlerDefaults = {
  maxInputNodes: 100_000,
  maxInputDepth: 64,
  bodyTimeoutMs: 10_000,
} as const

export interface ResolvedOptions {
  readonly maxBodyBytes: number
  readonly maxItems: number
  readonly maxUrlLength: number
  readonly maxInputNodes: number
  readonly maxInputDepth: number
  readonly bodyTimeoutMs: number
  readonly debug: boolean
  readonly onError: ((info: ErrorInfo) => void) | undefined
}

export function resolveOptions(options: HandlerOptions<AnyRouter>): ResolvedOptions {
  return {
    maxBodyBytes: options.maxBodyBytes ?? wireDefaults.maxBodyBytes,
    maxItems: options.maxItems ?? wireDefaults.maxItems,
    maxUrlLength: options.maxUrlLength ?? wireDefaults.maxUrlLength,
    maxInputNodes: options.maxInputNodes ?? handlerDefaults.maxInputNodes,
    maxInputDepth: options.maxInputDepth ?? handlerDefaults.maxInputDepth,
    bodyTimeoutMs: options.bodyTimeoutMs ?? handlerDefaults.bodyTimeoutMs,
    debug: options.debug === true,
    onError: options.onError,
  }
}
