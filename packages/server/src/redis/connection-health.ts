import type { Redis } from 'ioredis'

/** 'connecting' until Redis first answers; 'down' from a failure that may have lost something until it answers again. */
export type ConnectionState = 'connecting' | 'up' | 'down' | 'closed'

export interface ConnectionHealthOptions {
  /** The command connection whose failures and recoveries are followed. */
  readonly connection: Redis
  /** How long to wait before checking again whether Redis answers. */
  readonly retryMs: number
  /** Told once per outage, when it starts, why Redis is unreachable. */
  readonly warn: (reason: string) => void
  /**
   * Runs, on the connection, before Redis counts as up (first time and after every outage);
   * `wasDown`: something may have been lost meanwhile. If it throws, Redis stays unreachable.
   */
  readonly beforeUp: (wasDown: boolean) => Promise<unknown>
  /** Redis went down: what this instance knows may be outdated from now on. */
  readonly onDown?: () => void
  /** Redis is up again (`wasDown`: after an outage, not the first connection). */
  readonly onUp?: (wasDown: boolean) => void
}

/** Whether Redis is in use, shared by the Redis stores: one warning per outage, probes until it answers. */
export interface ConnectionHealth {
  readonly state: ConnectionState
  /**
   * A command failed. `lost`: what it carried may be lost (a purge, an event), so even a store
   * that never connected counts as down and `beforeUp(true)` runs when Redis returns.
   */
  failed(error: unknown, lost?: boolean): void
  /** Stops probing; the state is 'closed' from now on. */
  close(): void
}

export function connectionHealth(options: ConnectionHealthOptions): ConnectionHealth {
  const { connection, retryMs } = options
  let state: ConnectionState = 'connecting'
  let warned = false
  let probe: NodeJS.Timeout | undefined
  let recovering = false

  const failed = (error: unknown, lost = false) => {
    if (state === 'closed') return
    if (state !== 'down') {
      if (!warned) {
        warned = true
        options.warn(error instanceof Error ? error.message : String(error))
      }
      if (state === 'up' || lost) {
        state = 'down'
        options.onDown?.()
      }
    }
    schedule()
  }
  const schedule = () => {
    if (probe || state === 'closed') return
    probe = setTimeout(() => {
      probe = undefined
      void recover()
    }, retryMs)
  }
  const recover = async () => {
    if (recovering || state === 'up' || state === 'closed') return
    if (connection.status !== 'ready') return schedule()
    recovering = true
    const wasDown = state === 'down'
    try {
      await options.beforeUp(wasDown)
      // Closed while it ran: stays closed (the compiler does not see the await).
      if ((state as ConnectionState) === 'closed') return
      state = 'up'
      warned = false
      options.onUp?.(wasDown)
    } catch (error) {
      failed(error)
    } finally {
      recovering = false
    }
  }
  connection.on('ready', () => void recover())
  connection.on('error', (error: unknown) => failed(error))
  connection.on('close', () => {
    if (state === 'up') failed(new Error('connection closed'))
  })

  return {
    get state() {
      return state
    },
    failed,
    close() {
      state = 'closed'
      if (probe) clearTimeout(probe)
      probe = undefined
    },
  }
}
