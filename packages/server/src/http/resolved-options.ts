import { wireDefaults } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { ErrorInfo, HandlerOptions } from './http-types.ts'

export interface ResolvedOptions {
  readonly maxBodyBytes: number
  readonly maxItems: number
  readonly maxUrlLength: number
  readonly debug: boolean
  readonly onError: ((info: ErrorInfo) => void) | undefined
}

export function resolveOptions(options: HandlerOptions<AnyRouter>): ResolvedOptions {
  return {
    maxBodyBytes: options.maxBodyBytes ?? wireDefaults.maxBodyBytes,
    maxItems: options.maxItems ?? wireDefaults.maxItems,
    maxUrlLength: options.maxUrlLength ?? wireDefaults.maxUrlLength,
    debug: options.debug === true,
    onError: options.onError,
  }
}
