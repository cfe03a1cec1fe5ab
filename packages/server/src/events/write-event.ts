import type { AddressedDirective, Addressee } from '../address-targets.ts'
import { parseJson } from '../http/parse-json.ts'
import { dedupeDirectives } from '../protocol/keyed-directives.ts'
import { encodeDirectives } from '../protocol/wire-directives.ts'
import type { WireDirective } from '../protocol/wire-directives.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { isMutationId } from '../protocol/wire.ts'

// The text a write puts on the event bus, read by every instance's hub. Each audience's
// directives are deduplicated and serialised here, once per write; a hub only routes them:
//
//   { "v": 2, "id": "<mutation id>", "every"?: <directives>, "users"?: [[["<key>", ...], <directives>], ...] }
//
// with the directives in their wire form (`encodeDirectives`). Version 1 carried them through the
// transformer as one list; instances of both versions do not share a bus (each drops the other's).
//
// `every` is what every stream hears (anonymous ones too). A user listed in `users` hears that
// entry's directives instead, which hold `every`'s too: one notice per stream per write.

const version = 2

/** Characters of one event; a write whose event would be longer sends `all` instead. Hubs drop longer text. */
export const maxEventChars = 256 * 1024

/** One write, as its effects see it. */
export interface Write {
  /** Its id: in its answer, its `Mizan-Invalidate` header and its event. */
  readonly id: string
  /** The acting user's key; undefined when anonymous. */
  readonly actor: string | undefined
  readonly directives: readonly AddressedDirective[]
}

/** What a user's stream hears beyond `every`: the acting user's directives, or a `forUser` list's. */
type Heard = Exclude<Addressee, 'every'>

/** A bus event as a hub routes it: the serialised directives of every stream, and of the streams of users named. */
export interface WriteEvent {
  readonly id: string
  readonly every: unknown
  readonly users: ReadonlyArray<readonly [users: readonly string[], invalidate: unknown]>
}

/**
 * The event text of a write; undefined when it names nothing any stream should hear (no
 * directives, or only user-scoped ones of an anonymous writer). `report` hears directives the
 * transformer refused: the event then invalidates everything.
 */
export function encodeWriteEvent(transformer: Transformer, write: Write, report: (error: unknown) => void): string | undefined {
  const { id, actor, directives } = write
  const every = directives.filter((d) => d.to === 'every')
  // The users a stream-specific notice is for: those named by `forUser` lists, and the acting
  // user. Users named by the same lists hear the same directives, so they share one entry (a
  // list of a thousand users makes one entry, not a thousand).
  const lists = [...new Set(directives.flatMap((d) => (Array.isArray(d.to) ? [d.to as readonly string[]] : [])))]
  const heardBy = new Map<string, Set<Heard>>()
  const hears = (user: string, addressee: Heard) => {
    const heard = heardBy.get(user)
    if (heard) heard.add(addressee)
    else heardBy.set(user, new Set([addressee]))
  }
  for (const list of lists) for (const user of list) hears(user, list)
  if (actor !== undefined && directives.some((d) => d.to === 'actor')) hears(actor, 'actor')
  const groups = new Map<string, { readonly heard: ReadonlySet<Addressee>; readonly users: string[] }>()
  for (const [user, heard] of heardBy) {
    const signature = [...heard].map((addressee) => (addressee === 'actor' ? 'actor' : lists.indexOf(addressee))).join()
    const group = groups.get(signature)
    if (group) group.users.push(user)
    else groups.set(signature, { heard, users: [user] })
  }

  try {
    const serialize = (list: readonly AddressedDirective[]) => encodeDirectives(dedupeDirectives(list.map((d) => d.directive), transformer), transformer)
    const users = [...groups.values()].map(({ heard, users }) => [users, serialize(directives.filter((d) => d.to === 'every' || heard.has(d.to)))] as const)
    if (every.length === 0 && users.length === 0) return undefined
    const text = JSON.stringify({ v: version, id, ...(every.length > 0 ? { every: serialize(every) } : {}), ...(users.length > 0 ? { users } : {}) })
    if (text.length <= maxEventChars) return text
  } catch (error) {
    report(error)
  }
  // Too long to carry, or not serialisable: everyone invalidates everything, which never misses.
  return JSON.stringify({ v: version, id, every: [{ kind: 'all' }] satisfies WireDirective[] })
}

/**
 * Reads an event from the bus. Bus text is untrusted (another process wrote it, maybe not a
 * Mizan one): it is bounded, parsed refusing prototype keys, and checked for shape; anything else
 * throws, for the hub to report and drop. The directives stay in their serialised form: a hub
 * only routes them, and clients decode them as they decode any answer.
 */
export function decodeWriteEvent(text: unknown): WriteEvent {
  if (typeof text !== 'string') throw malformed('it is not text')
  if (text.length > maxEventChars) throw malformed(`it is longer than ${maxEventChars} characters`)
  let value: unknown
  try {
    value = parseJson(text, 'The event')
  } catch {
    throw malformed('it is not valid JSON, or holds prototype keys')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('it is not an object')
  const event = value as { v?: unknown; id?: unknown; every?: unknown; users?: unknown }
  if (event.v !== version) throw malformed(`its version is not ${version}`)
  if (!isMutationId(event.id)) throw malformed('its id is not a mutation id')
  const users = event.users ?? []
  if (!Array.isArray(users) || !users.every(isUsersEntry)) throw malformed('its users are not a list of [user keys, directives]')
  if (event.every === null) throw malformed('its directives for every stream are null')
  if (event.every === undefined && users.length === 0) throw malformed('it is addressed to nobody')
  return { id: event.id, every: event.every, users }
}

function isUsersEntry(entry: unknown): entry is readonly [readonly string[], unknown] {
  return (
    Array.isArray(entry) &&
    entry.length === 2 &&
    Array.isArray(entry[0]) &&
    (entry[0] as unknown[]).every((user) => typeof user === 'string' && user !== '') &&
    entry[1] !== undefined &&
    entry[1] !== null
  )
}

function malformed(why: string): Error {
  return new Error(`[mizan] Dropped an event from the bus: ${why}`)
}
