import { purgeDirectives } from './cache/purge-directives.ts'
import { encodeWriteEvent } from './events/write-event.ts'
import type { Write } from './events/write-event.ts'
import { dedupeKeyed } from './protocol/keyed-directives.ts'
import type { KeyedDirective } from './protocol/keyed-directives.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import type { MaybePromise } from './procedure.ts'
import type { RouterIndex } from './router-index.ts'

/**
 * The effects of a write that happened (or may have), the same for RPC mutations, `createCaller`
 * mutations and view-path writes: purge the result cache, then publish one event on the bus,
 * both before this settles, so whoever answers the write answers after them (read-your-writes;
 * the echo on the stream may then arrive before the answer, which is what client-chosen mutation
 * ids are for). Returns the directives the acting user's answer carries, keyed (with their wire
 * text): everything but what is meant for other users only. With no cache and nobody listening
 * there is nothing to wait for: the directives come at once, with no promise.
 *
 * Failures are given to `report` (which must not throw), never thrown: the write is committed
 * whether or not a cache or a bus could be told.
 */
export function applyWrite(index: RouterIndex, write: Write, report: (error: unknown) => void): MaybePromise<KeyedDirective[]> {
  // Nobody listening (one process, no stream open): the event is not even made.
  if (!index.cache && !index.events?.heard()) return ownDirectives(index, write)
  return purgeAndPublish(index, write, report)
}

async function purgeAndPublish(index: RouterIndex, write: Write, report: (error: unknown) => void): Promise<KeyedDirective[]> {
  try {
    await purgeDirectives(index, write.directives, write.actor)
  } catch (error) {
    report(error)
  }
  if (index.events?.heard()) {
    try {
      const text = encodeWriteEvent(index.transformer, write, report)
      if (text !== undefined) await index.events.publish(text)
    } catch (error) {
      report(error)
    }
  }
  return ownDirectives(index, write)
}

function ownDirectives(index: RouterIndex, { actor, directives }: Write): KeyedDirective[] {
  const own: InvalidationDirective[] = []
  for (const { directive, to } of directives) if (to === 'every' || to === 'actor' || (actor !== undefined && to.includes(actor))) own.push(directive)
  return dedupeKeyed(own, index.transformer)
}
