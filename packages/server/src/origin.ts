import { fileURLToPath } from 'node:url'

// Frames inside this package are Mizan's own; the first other frame is the user's definition.
// Some runtimes (bundlers, DOM test environments) give a non-file URL: its path does as well.
const ownUrl = new URL('.', import.meta.url)
const ownDir = ownUrl.protocol === 'file:' ? fileURLToPath(ownUrl) : ownUrl.pathname

/** The first stack frame outside Mizan, e.g. `src/contexts.ts:12:7`. */
export function describeOrigin(origin: Error): string {
  const frames = (origin.stack ?? '').split('\n').slice(1)
  for (const frame of frames) {
    const location = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?$/.exec(frame.trim())?.[1]
    if (!location) continue
    const file = location.startsWith('file://') ? fileURLToPath(location.replace(/:\d+:\d+$/, '')) : location
    if (file.startsWith(ownDir)) continue
    return location.startsWith('file://') ? location.slice('file://'.length) : location
  }
  return 'an unknown place'
}
