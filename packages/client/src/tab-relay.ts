import type { MutationNotice } from '@mizan/server/protocol'

/** What tabs tell each other: a write's notice (its id and serialized directives, never data), or that events were missed. */
export type TabMessage = MutationNotice | { readonly missed: true }

export interface TabRelay {
  post(message: TabMessage): void
  close(): void
}

/** A `BroadcastChannel` between the tabs of one origin; undefined where there is none. */
export function openTabRelay(name: string, receive: (message: unknown) => void): TabRelay | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const channel = new BroadcastChannel(name)
  channel.onmessage = (event) => receive(event.data)
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  }
}
