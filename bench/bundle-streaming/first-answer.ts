import type { AddressInfo } from 'node:net'
import { createClient, streamedAnswers } from '@mizan/client'
import { initMizan } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import { createTRPCClient, httpBatchLink, httpBatchStreamLink } from '@trpc/client'
import { initTRPC } from '@trpc/server'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import express from 'express'
import superjson from 'superjson'
import * as z from 'zod'

/** The read held back in every bundle, and how many quick reads travel with it. */
export const slowReadMs = 200
export const fastReads = 4

export const firstAnswerModes = ['mizan-streamed', 'mizan-buffered', 'trpc-streamed', 'trpc-buffered'] as const
export type FirstAnswerMode = (typeof firstAnswerModes)[number]

export interface FirstAnswerResults {
  readonly runs: number
  readonly slowReadMs: number
  readonly fastReads: number
  /** ms from sending the bundle until its first caller resolved, and its last, per run. */
  readonly samples: Record<FirstAnswerMode, { readonly first: number[]; readonly last: number[] }>
}

const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('slow'), slowReadMs))
const fast = (id: number) => ({ id, name: `Item ${id}` })
const idInput = z.object({ id: z.number() })

function mizanRouter() {
  const m = initMizan.create({ transformer: superjson })
  return m.router({ slow: m.context.query(slow), fast: m.context.input(idInput).query(({ input }) => fast(input.id)) })
}

function trpcRouter() {
  const t = initTRPC.create({ transformer: superjson })
  return t.router({ slow: t.procedure.query(slow), fast: t.procedure.input(idInput).query(({ input }) => fast(input.id)) })
}

/**
 * Time to the first and the last answer of a bundle whose one read is held `slowReadMs` by a
 * timer (the delay is the point here), streamed and buffered, Mizan and tRPC (its
 * `httpBatchStreamLink` and `httpBatchLink`, same reads): one Express server on a loopback port,
 * the real clients in this process, modes rotated run by run, the first runs of each discarded.
 */
export async function runFirstAnswerBench(runs: number, warmUp = 3): Promise<FirstAnswerResults> {
  const app = express()
  app.use('/mizan', mizanExpress({ router: mizanRouter(), createContext: () => ({}), csrf: false }))
  app.use('/trpc', createExpressMiddleware({ router: trpcRouter(), createContext: () => ({}) }))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const mizan = (stream: boolean) =>
    createClient<ReturnType<typeof mizanRouter>>({ url: `${origin}/mizan`, transformer: superjson, ...(stream ? { batch: { stream: streamedAnswers() } } : {}) })
  const trpc = (link: typeof httpBatchLink | typeof httpBatchStreamLink) =>
    createTRPCClient<ReturnType<typeof trpcRouter>>({ links: [link({ url: `${origin}/trpc`, transformer: superjson })] })
  // The same calls through every client: one slow read and the quick ones, issued together.
  type Reads = { slow: { query(): Promise<unknown> }; fast: { query(input: { id: number }): Promise<unknown> } }
  const clients: Record<FirstAnswerMode, Reads> = {
    'mizan-streamed': mizan(true),
    'mizan-buffered': mizan(false),
    'trpc-streamed': trpc(httpBatchStreamLink),
    'trpc-buffered': trpc(httpBatchLink),
  }
  const once = async (mode: FirstAnswerMode) => {
    const client = clients[mode]
    const started = performance.now()
    let first = Infinity
    const done = () => void (first = Math.min(first, performance.now() - started))
    await Promise.all([client.slow.query().then(done), ...Array.from({ length: fastReads }, (_, id) => client.fast.query({ id }).then(done))])
    return { first, last: performance.now() - started }
  }
  const samples = Object.fromEntries(firstAnswerModes.map((mode) => [mode, { first: [] as number[], last: [] as number[] }])) as FirstAnswerResults['samples']
  try {
    for (let run = 0; run < runs + warmUp; run++) {
      const order = [...firstAnswerModes.slice(run % firstAnswerModes.length), ...firstAnswerModes.slice(0, run % firstAnswerModes.length)]
      for (const mode of order) {
        const { first, last } = await once(mode)
        if (run < warmUp) continue
        samples[mode].first.push(first)
        samples[mode].last.push(last)
      }
    }
  } finally {
    server.closeAllConnections()
    server.close()
  }
  return { runs, slowReadMs, fastReads, samples }
}
