import { connectedFrame, pingFrame } from './sse-frames.ts'

/**
 * One open event stream: the frames waiting for its client, as the async iterable a response
 * body streams. The response pulls frames as fast as the client takes them; a client that takes
 * them slower than writes come has them queued up to a bound, past which the queue is replaced by
 * one notice invalidating everything (it covers every write dropped), so memory never grows
 * without bound.
 */
export interface SseStream extends AsyncIterable<string> {
  /** The user key the stream was opened for; undefined when anonymous. */
  readonly user: string | undefined
  /** Queues a frame (dropped once ended, or while the queue holds only the overflow notice). */
  push(frame: string): void
  /** Queues a heartbeat unless frames are waiting already (they keep the stream busy enough). */
  ping(): void
  /** Ends the stream: queued frames are dropped, the response ends. Idempotent. */
  end(): void
}

export interface SseStreamOptions {
  readonly user: string | undefined
  /** Characters of frames that may wait for a slow client. */
  readonly maxQueuedChars: number
  /** The notice replacing an overflowing queue: a fresh `all` one. */
  readonly overflowFrame: () => string
  /** Called once when the stream ends, whoever ended it (the client going, the hub closing). */
  readonly onEnd: () => void
}

const done: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

export function createSseStream(options: SseStreamOptions): SseStream {
  const { maxQueuedChars, overflowFrame, onEnd } = options
  let queue: string[] = [connectedFrame]
  let queuedChars = connectedFrame.length
  // The queue holds only the overflow notice: whatever else comes is covered by it.
  let overflowed = false
  let waiting: ((result: IteratorResult<string, undefined>) => void) | undefined
  let ended = false

  const push = (frame: string) => {
    if (ended || overflowed) return
    if (waiting) {
      const resolve = waiting
      waiting = undefined
      resolve({ done: false, value: frame })
      return
    }
    if (queuedChars + frame.length > maxQueuedChars) {
      const notice = overflowFrame()
      queue = [notice]
      queuedChars = notice.length
      overflowed = true
      return
    }
    queue.push(frame)
    queuedChars += frame.length
  }

  const end = () => {
    if (ended) return
    ended = true
    queue = []
    queuedChars = 0
    const resolve = waiting
    waiting = undefined
    resolve?.(done)
    onEnd()
  }

  const iterator: AsyncIterator<string, undefined> = {
    next: () => {
      if (ended) return Promise.resolve(done)
      const frame = queue.shift()
      if (frame === undefined) return new Promise((resolve) => (waiting = resolve))
      queuedChars -= frame.length
      if (queue.length === 0) overflowed = false
      return Promise.resolve({ done: false, value: frame })
    },
    // The response calls it when the client goes away (Node's pipeline, a cancelled web stream).
    return: () => {
      end()
      return Promise.resolve(done)
    },
  }

  return {
    user: options.user,
    push,
    ping: () => {
      if (queue.length === 0) push(pingFrame)
    },
    end,
    [Symbol.asyncIterator]: () => iterator,
  }
}
