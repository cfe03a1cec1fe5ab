/**
 * Time to first answer of a bundle with one read delayed by 200 ms, streamed vs buffered.
 *
 *   node --import tsx --conditions=@mizan/source bench/bundle-streaming/measure-first-answer.ts [runs]
 *
 * One real Express server on port 0 and the Mizan client in one process, over loopback. Each run
 * sends one bundle of `fastReads` quick reads plus one read held 200 ms by a timer (the delay is
 * the point here), and records when the first caller resolves and when the last does. Modes
 * alternate run by run; the first runs of each are warm-up. Prints medians (and p10/p90).
 */
import type { AddressInfo } from 'node:net'
import { createClient } from '@mizan/client'
import { initMizan } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import express from 'express'
import superjson from 'superjson'
import * as z from 'zod'

const delayMs = 200
const fastReads = 4
const warmUp = 3
const runs = Number(process.argv[2] ?? 25)

const m = initMizan.create({ transformer: superjson })
const router = m.router({
  slow: m.context.query(() => new Promise<string>((resolve) => setTimeout(() => resolve('slow'), delayMs))),
  fast: m.context.input(z.object({ id: z.number() })).query(({ input }) => ({ id: input.id, name: `Item ${input.id}` })),
})

const app = express()
app.use('/mizan', mizanExpress({ router, createContext: () => ({}), csrf: false }))
const server = app.listen(0, '127.0.0.1')
await new Promise((resolve) => server.once('listening', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mizan`

const clients = {
  streamed: createClient<typeof router>({ url, transformer: superjson, session: false }),
  buffered: createClient<typeof router>({ url, transformer: superjson, session: false, batch: { stream: false } }),
}
type Mode = keyof typeof clients

/** One bundle: ms until the first caller resolved, and until the last. */
async function once(mode: Mode): Promise<{ first: number; last: number }> {
  const c = clients[mode]
  const started = performance.now()
  let first = Infinity
  const done = (value: unknown) => {
    first = Math.min(first, performance.now() - started)
    return value
  }
  const reads = [c.slow.query().then(done), ...Array.from({ length: fastReads }, (_, id) => c.fast.query({ id }).then(done))]
  await Promise.all(reads)
  return { first, last: performance.now() - started }
}

const samples: Record<Mode, { first: number[]; last: number[] }> = { streamed: { first: [], last: [] }, buffered: { first: [], last: [] } }
for (let run = 0; run < runs + warmUp; run++) {
  for (const mode of (run % 2 === 0 ? ['streamed', 'buffered'] : ['buffered', 'streamed']) as Mode[]) {
    const { first, last } = await once(mode)
    if (run >= warmUp) {
      samples[mode].first.push(first)
      samples[mode].last.push(last)
    }
  }
}
server.closeAllConnections()
server.close()

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const ms = (value: number) => `${value.toFixed(1)} ms`
console.log(`Bundle of ${fastReads} fast reads + 1 read delayed ${delayMs} ms; ${runs} runs per mode (after ${warmUp} warm-up), alternated; Node ${process.version}`)
console.log('mode      first answer: median (p10-p90)      last answer: median')
for (const mode of ['streamed', 'buffered'] as const) {
  const { first, last } = samples[mode]
  console.log(`${mode.padEnd(9)} ${ms(quantile(first, 0.5)).padStart(9)} (${ms(quantile(first, 0.1))}-${ms(quantile(first, 0.9))})`.padEnd(46) + ms(quantile(last, 0.5)).padStart(9))
}
