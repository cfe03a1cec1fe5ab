import superjson from 'superjson'
import * as z from 'zod'
import { initMizan } from '../../src/index.ts'

/** What the probe's resolvers were handed: runs, inputs holding an own `__proto__` key, pollutions. */
export function createProbeRecord() {
  return { runs: 0, protoKeys: 0, polluted: 0 }
}

export type ProbeRecord = ReturnType<typeof createProbeRecord>

/**
 * Does with an input what careless resolver code does: a naive deep merge into `{}`. Records an
 * own `__proto__` key anywhere in it, and whether the merge polluted `Object.prototype` (undone
 * at once, so a failing run cannot leak into other tests).
 */
export function probe(record: ProbeRecord, input: unknown): void {
  record.runs++
  if (holdsProtoKey(input)) record.protoKeys++
  naiveMerge({}, input)
  if (({} as Record<string, unknown>)['polluted'] !== undefined) {
    record.polluted++
    delete (Object.prototype as Record<string, unknown>)['polluted']
  }
}

/**
 * A read and a write taking any input unchanged (`z.unknown()`: a `z.object` would strip
 * unknown keys and hide what the server let through), with or without superjson.
 */
export function createProbeRouter(record: ProbeRecord, transformer: 'superjson' | 'json') {
  const m = initMizan.create(transformer === 'superjson' ? { transformer: superjson } : {})
  const read = m.context.input(z.unknown()).query(({ input }) => {
    probe(record, input)
    return true
  })
  const write = m.mutation.input(z.unknown()).run(({ input }) => {
    probe(record, input)
    return true
  })
  return m.router({ read, write })
}

function holdsProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (Object.hasOwn(value, '__proto__')) return true
  return Object.values(value).some(holdsProtoKey)
}

// The classic vulnerable merge: `for...in` sees an own "__proto__" key, and `target[key]` then
// walks into Object.prototype (through "__proto__", or "constructor" then "prototype").
function naiveMerge(target: Record<string, unknown>, source: unknown): void {
  if (typeof source !== 'object' || source === null) return
  const from = source as Record<string, unknown>
  for (const key in from) {
    const value = from[key]
    if (typeof value === 'object' && value !== null) {
      const into = target[key]
      if ((typeof into !== 'object' && typeof into !== 'function') || into === null) target[key] = {}
      naiveMerge(target[key] as Record<string, unknown>, value)
    } else {
      target[key] = value
    }
  }
}
