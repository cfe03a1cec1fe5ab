import { spawn } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/** A `redis-server` child process on a loopback port, without persistence. */
export interface RedisProcess {
  readonly url: string
  stop(): Promise<void>
}

/**
 * Starts Debian's `redis-server` on a free loopback port and resolves once it answers PING.
 * Rejects, saying why, when the binary is missing or the server does not come up.
 */
export async function startRedisServer(): Promise<RedisProcess> {
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  let exited = false
  const gone = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())))
  const failed = new Promise<never>((_resolve, reject) =>
    child.once('error', (error) => reject(new Error(`Could not start redis-server (${error.message}); install it (apt-get install redis-server) or set REDIS_URL`))),
  )
  const started = Date.now()
  const ready = (async () => {
    while (!(await answersPing(port))) {
      if (exited) throw new Error(`redis-server exited at start (port ${port})`)
      if (Date.now() - started > 10_000) throw new Error(`redis-server did not answer on port ${port}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })()
  await Promise.race([ready, failed])
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (!exited) child.kill('SIGTERM')
      await gone
    },
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')))
  })
}
