/**
 * How `redisEvents` puts one event on its channel: `e1:<instance uuid>:<text>`. The instance id
 * lets each instance skip its own events (already delivered locally); the version lets a later
 * frame format pass through a rolling deploy without being misread.
 */
const frameHead = /^e1:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):/

export interface EventFrame {
  /** The instance that published it. */
  readonly from: string
  readonly text: string
}

export function encodeEventFrame(from: string, text: string): string {
  return `e1:${from}:${text}`
}

/** The frame a message carries, or undefined when it is not one: anyone with access to Redis can publish. */
export function decodeEventFrame(message: unknown): EventFrame | undefined {
  if (typeof message !== 'string') return undefined
  const head = frameHead.exec(message)
  if (!head) return undefined
  return { from: head[1]!, text: message.slice(head[0].length) }
}
