import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { createBackplane } from './create-backplane.ts'
import { openDb } from './db/open-db.ts'
import { createDemoApp } from './server.ts'

// `npm run demo`: embedded defaults (memory cache and events, SQLite file), no setup. PORT picks
// the port (a busy one falls back to a free one); REDIS_URL shares cache and events with other
// instances (`npm run demo:cluster`); MIZAN_DEMO_DB picks the database file.
const db = openDb(process.env['MIZAN_DEMO_DB'] ?? join(import.meta.dirname, '..', 'data', 'demo.db'))
const backplane = await createBackplane(process.env['REDIS_URL'])
const demo = createDemoApp({
  db,
  backplane,
  // One process needs no configured secret; without one, make it here, quietly.
  csrfSecret: process.env['MIZAN_CSRF_SECRET'] ?? randomBytes(32).toString('base64url'),
  development: process.env['NODE_ENV'] !== 'production',
})
const wanted = Number(process.env['PORT'] ?? 3000)

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = demo.app.listen(port, '127.0.0.1')
    server.once('listening', () => resolve(server))
    server.once('error', reject)
  })
}

const server = await listen(wanted).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error
  console.log(`Port ${wanted} is busy; using a free one instead.`)
  return listen(0)
})
const address = server.address()
const port = typeof address === 'object' && address ? address.port : wanted
console.log(`Mizan demo running at http://localhost:${port}/ (${backplane.description})`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  // Streams first: an open event stream would hold server.close() forever.
  await demo.close()
  await backplane.close()
  server.closeAllConnections()
  server.close(() => {
    db.close()
    process.exit(0)
  })
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
