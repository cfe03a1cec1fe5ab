import { connect } from 'node:net'

export interface RawExchange {
  /** Everything the server sent before closing (or before the time bound). */
  readonly response: string
  /** Whether the server closed the connection. */
  readonly closed: boolean
  /** Bytes of body the client managed to write. */
  readonly bytesSent: number
}

/**
 * Speaks HTTP/1.1 over a raw loopback socket, for what fetch cannot do: lie about
 * Content-Length, or stream a chunked body that keeps growing. Bounded in bytes and time.
 */
export function rawRequest(options: {
  port: number
  head: string
  /** Called repeatedly to produce body data until it returns undefined or the socket closes. */
  nextChunk: (sent: number) => string | undefined
  maxMs?: number
}): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(options.port, '127.0.0.1')
    let response = ''
    let bytesSent = 0
    let closed = false
    let timer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(timer)
      clearInterval(pump)
      socket.destroy()
      resolve({ response, closed, bytesSent })
    }
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      response += data
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      closed = true
      finish()
    })
    socket.write(options.head)
    const pump = setInterval(() => {
      if (socket.destroyed || !socket.writable) return
      const chunk = options.nextChunk(bytesSent)
      if (chunk === undefined) return
      bytesSent += Buffer.byteLength(chunk)
      socket.write(chunk)
    }, 2)
    timer = setTimeout(finish, options.maxMs ?? 5000)
  })
}

/** One chunk of a chunked transfer encoding. */
export function chunk(data: string): string {
  return `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`
}
