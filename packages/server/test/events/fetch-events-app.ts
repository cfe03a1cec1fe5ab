import { mizanFetch } from '../../src/adapters/fetch.ts'
import { createEventsApp } from './events-app.ts'
import type { closePerTest, EventsTestContext } from './events-app.ts'

/**
 * The events app behind the Fetch adapter, closed after the test by `open`: the same wiring for
 * the Fetch tests of GET /events and of view-path writes. `viaHandler` is a fetch that calls the
 * handler directly, for listening to the event stream without a server.
 */
export function fetchEventsApp(open: ReturnType<typeof closePerTest>) {
  const app = createEventsApp()
  open.own(() => app.m.close())
  const handler = mizanFetch({
    router: app.router,
    endpoint: '/mizan',
    createContext: ({ request }): EventsTestContext => ({ user: request.headers.get('x-user') }),
  })
  const viaHandler = (input: string | URL, init: RequestInit) => handler(new Request(input, init))
  return { ...app, handler, viaHandler }
}
