import type { Redis } from 'ioredis'

/**
 * Ends a connection Mizan opened itself and resolves once it is gone, whatever state it is in:
 * `disconnect()`, not `quit()`, since a server that answers nothing would keep a QUIT waiting.
 */
export function endConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return Promise.resolve()
  // Between reconnect attempts there is no socket: disconnect() clears the timer and no 'end' comes.
  const waiting = connection.status === 'reconnecting'
  return new Promise((resolve) => {
    connection.once('end', () => resolve())
    connection.disconnect()
    if (waiting) resolve()
  })
}
