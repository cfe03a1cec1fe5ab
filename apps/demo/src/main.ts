import type { Server } from 'node:http'
import { join } from 'node:path'
import { openDb } from './db.ts'
import { createDemoApp } from './server.ts'

// `npm run demo`: embedded defaults, no setup. PORT picks the port; a busy one falls back to any free one.
const db = openDb(process.env['MIZAN_DEMO_DB'] ?? join(import.meta.dirname, '..', 'data', 'demo.db'))
const app = createDemoApp(db)
const wanted = Number(process.env['PORT'] ?? 3000)

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1')
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
console.log(`Mizan demo running at http://localhost:${port}/`)

const stop = () => {
  server.close(() => {
    db.close()
    process.exit(0)
  })
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
