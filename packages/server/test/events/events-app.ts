import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { EventSource } from 'eventsource'
import type { FetchLike } from 'eventsource'
import superjson from 'superjson'
import * as z from 'zod'
import { afterEach } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import type { MizanExpressMiddleware } from '../../src/adapters/express.ts'
import { forEveryUser, forUser, initMizan, memoryCache, memoryEvents } from '../../src/index.ts'
import type { AnyRouter, ErrorInfo, EventBus, EventStreamOptions, InvalidationDirective } from '../../src/index.ts'
import { invalidateEvent, mutationIdHeader } from '../../src/protocol/index.ts'
import type { EventHub } from '../../src/events/event-hub.ts'
import { sessionAt } from '../fixtures/session.ts'
import { fromWire } from '../fixtures/from-wire.ts'

export interface EventsTestContext {
  readonly user: string | null
}

export interface EventsAppOptions {
  readonly bus?: EventBus
  readonly eventStream?: EventStreamOptions
}

/**
 * A small app with events on: a public `board`, a user-scoped cached `note` (keyed by the
 * `x-user` header's user), and writes for the acting user, for named users and for everyone.
 */
export function createEventsApp(options: EventsAppOptions = {}) {
  const db = { notes: new Map<string, string>(), boards: new Map<number, string>() }
  const counts = { note: 0 }
  const bus = options.bus ?? memoryEvents()
  const m = initMizan.context<EventsTestContext>().create({
    transformer: superjson,
    cache: memoryCache(),
    userKey: (ctx) => ctx.user,
    events: bus,
    ...(options.eventStream ? { eventStream: options.eventStream } : {}),
  })

  const board = m.context
    .input(z.object({ id: z.number() }))
    .scope('public')
    .query(({ input }) => db.boards.get(input.id) ?? `Board ${input.id}`)
  const note = m.context
    .input(z.object({ id: z.number() }))
    .cache()
    .query(({ ctx, input }) => {
      counts.note++
      return db.notes.get(`${ctx.user}:${input.id}`) ?? `${ctx.user}'s note ${input.id}`
    })

  const renameBoard = m.mutation
    .input(z.object({ id: z.number(), title: z.string() }))
    .run(({ input }) => void db.boards.set(input.id, input.title))
    .invalidates(({ input }) => [board({ id: input.id })])
  const editNote = m.mutation
    .input(z.object({ id: z.number(), text: z.string() }))
    .run(({ ctx, input }) => void db.notes.set(`${ctx.user}:${input.id}`, input.text))
    .invalidates(({ input }) => [note({ id: input.id })])
  // An admin's edit of another user's note; the board named with it is public, so everyone's.
  const editNoteOf = m.mutation
    .input(z.object({ owner: z.string(), id: z.number(), text: z.string(), board: z.number().optional() }))
    .run(({ input }) => void db.notes.set(`${input.owner}:${input.id}`, input.text))
    .invalidates(({ input }) => [forUser(input.owner, [note({ id: input.id }), ...(input.board === undefined ? [] : [board({ id: input.board })])])])
  const resetNotes = m.mutation
    .run(() => void db.notes.clear())
    .invalidates([forEveryUser([note])])

  const router = m.router({ board, note, renameBoard, editNote, editNoteOf, resetNotes })
  return { m, router, db, counts, bus, hub: hubOf(router), board, note }
}

export type EventsApp = ReturnType<typeof createEventsApp>

/** The open streams of a router's `create()`: what tests watch to see a stream go. */
export function hubOf(router: AnyRouter): EventHub {
  const hub = router._def.config.events
  if (!hub) throw new Error('This router has no events')
  return hub
}

export interface ServedApp {
  readonly base: string
  readonly mizan: MizanExpressMiddleware<EventsTestContext>
  readonly errors: ErrorInfo[]
  close(): Promise<void>
}

/** Serves a router over Express on a loopback port, the user from the `x-user` header; `routes` adds the app's own. */
export async function serveExpress(router: AnyRouter, routes?: (app: express.Express, mizan: MizanExpressMiddleware<EventsTestContext>) => void): Promise<ServedApp> {
  const errors: ErrorInfo[] = []
  const mizan = mizanExpress({
    router,
    createContext: ({ req }): EventsTestContext => ({ user: req.get('x-user') ?? null }),
    onError: (info) => errors.push(info),
  })
  const app = express()
  app.use('/mizan', mizan)
  routes?.(app, mizan)
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    mizan,
    errors,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** One `invalidate` event as a client reads it. */
export interface ReceivedNotice {
  /** The SSE `id:` line. */
  readonly eventId: string
  /** The write's mutation id. */
  readonly id: string
  readonly directives: InvalidationDirective[]
}

export interface Listener {
  readonly source: EventSource
  readonly notices: ReceivedNotice[]
  /** Settles when the stream is open; rejects with the failure's status when it is refused. */
  readonly opened: Promise<void>
  close(): void
}

/**
 * Opens an EventSource on `url` as `user` (the `x-user` header; none: anonymous), through
 * `fetch` (default: the global one, over the network), collecting its notices.
 */
export function listen(url: string, user?: string, fetchImpl: FetchLike = fetch): Listener {
  const notices: ReceivedNotice[] = []
  const source = new EventSource(url, {
    fetch: (input, init) => fetchImpl(input, { ...init, headers: user === undefined ? init.headers : { ...init.headers, 'x-user': user } }),
  })
  source.addEventListener(invalidateEvent, (event) => {
    const data = JSON.parse(event.data) as { id: string; invalidate: never }
    notices.push({ eventId: event.lastEventId, id: data.id, directives: fromWire(data.invalidate) })
  })
  const opened = new Promise<void>((resolve, reject) => {
    source.addEventListener('open', () => resolve(), { once: true })
    source.addEventListener('error', (event) => reject(new Error(`The stream failed: ${event.code ?? 'no status'} ${event.message ?? ''}`)), { once: true })
  })
  opened.catch(() => {})
  return { source, notices, opened, close: () => source.close() }
}

/** Closes, after each test, the listeners and servers it opened. */
export function closePerTest() {
  const closers: Array<() => unknown> = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })
  return {
    listen: (...args: Parameters<typeof listen>) => {
      const listener = listen(...args)
      closers.push(() => listener.close())
      return listener
    },
    serve: async (...args: Parameters<typeof serveExpress>) => {
      const served = await serveExpress(...args)
      closers.push(() => served.close())
      return served
    },
    /** Closes `m` after the test (its streams end first, so servers close at once). */
    own: (close: () => unknown) => closers.push(close),
  }
}

/** A mutation over HTTP as `user` (with a CSRF session of its own), with a chosen mutation id when given. */
export async function write(base: string, path: string, input: unknown, user?: string, mutationId?: string) {
  const session = await sessionAt(`${base}/mizan`)
  const response = await fetch(`${base}/mizan/m/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...session.headers,
      ...(user === undefined ? {} : { 'x-user': user }),
      ...(mutationId === undefined ? {} : { [mutationIdHeader]: mutationId }),
    },
    body: JSON.stringify(superjson.serialize(input)),
  })
  const answer = (await response.json()) as { id: string; data?: unknown; error?: unknown; invalidate: never }
  return { status: response.status, id: answer.id, answer, directives: fromWire(answer.invalidate) }
}

/** A read of one context over HTTP as `user`, decoded. */
export async function read(base: string, path: string, input: unknown, user?: string): Promise<unknown> {
  const items = encodeURIComponent(JSON.stringify([[path, superjson.serialize(input)]]))
  const response = await fetch(`${base}/mizan/q?items=${items}`, { headers: user === undefined ? {} : { 'x-user': user } })
  const [answer] = (await response.json()) as Array<{ data: never }>
  return superjson.deserialize(answer!.data)
}
