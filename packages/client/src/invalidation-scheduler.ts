import { directiveKey, jsonTransformer } from '@mizan/server/protocol'
import type { InvalidationDirective, Transformer } from '@mizan/server/protocol'
import { afterWindow } from './after-window.ts'

/**
 * Where a directive came from: `'response'` the answer to this tab's write, `'stream'` the event
 * stream, `'tab'` another tab relaying its stream, `'header'` a `Mizan-Invalidate` header read by
 * `fetchWithInvalidation`. Undefined for directives enqueued by hand.
 */
export type DirectiveSource = 'response' | 'stream' | 'tab' | 'header'

/** A directive as flushed: with the id of the write it came from and its source, when known. */
export type FlushedDirective = InvalidationDirective & {
  readonly mutationId: string | undefined
  readonly source?: DirectiveSource | undefined
}

export type FlushListener = (directives: readonly FlushedDirective[]) => void

export interface InvalidationScheduler {
  /** Collects directives of one write; they reach subscribers in the next flush. */
  enqueue(directives: readonly InvalidationDirective[], mutationId?: string, source?: DirectiveSource): void
  /** Receives each flush; returns the unsubscribe function. */
  subscribe(listener: FlushListener): () => void
}

export interface SchedulerOptions {
  /** The wire's transformer: scoped directives are deduplicated by their canonical key in it. */
  readonly transformer?: Transformer | undefined
  /**
   * How long after the first directives a flush waits for more: 0 (default) is one microtask;
   * more (in ms) also merges the answers of writes that arrive a few ms apart.
   */
  readonly windowMs?: number | undefined
}

type ScopedDirective = Extract<FlushedDirective, { readonly params: unknown }>

/**
 * Collects directives and flushes them once per microtask, or `windowMs` after the first ones
 * collected (never extended, so a stream of answers cannot hold a flush back): whole-context
 * ones in a map (one per context), scoped ones in a map by canonical key (so several scoped
 * directives of one context all survive, and a repeated one is kept once). A flush drops the
 * scoped directives its whole ones cover; an `all` directive covers everything collected with it.
 * A scoped directive whose params have no canonical key (a cycle, nesting too deep) widens to its
 * whole context: more, never less.
 */
export function createInvalidationScheduler({ transformer = jsonTransformer, windowMs }: SchedulerOptions = {}): InvalidationScheduler {
  const listeners = new Set<FlushListener>()
  let all: FlushedDirective | undefined
  let whole = new Map<string, FlushedDirective>()
  let scoped = new Map<string, ScopedDirective>()
  let scheduled = false

  const flush = () => {
    const directives = all ? [all] : [...whole.values(), ...[...scoped.values()].filter((directive) => !whole.has(directive.context))]
    scheduled = false
    all = undefined
    whole = new Map()
    scoped = new Map()
    if (directives.length > 0) for (const listener of listeners) listener(directives)
  }

  return {
    enqueue(directives, mutationId, source) {
      for (const directive of directives) {
        if (all) break
        const flushed = { ...directive, mutationId, source }
        if (flushed.kind === 'all') {
          all = flushed
          continue
        }
        const key = flushed.kind === 'whole' ? undefined : scopedKey(flushed, transformer)
        if (key === undefined) {
          // The first whole directive of a context stands for it; a scoped one that cannot be keyed widens to it.
          if (!whole.has(flushed.context)) whole.set(flushed.context, { kind: 'whole', context: flushed.context, mutationId, source })
        } else if (!scoped.has(key)) scoped.set(key, flushed as ScopedDirective)
      }
      if (!scheduled && directives.length > 0) {
        scheduled = true
        afterWindow(windowMs, flush)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

// Undefined when the params cannot be keyed: the caller widens the directive to its context.
function scopedKey(directive: ScopedDirective, transformer: Transformer): string | undefined {
  try {
    return directiveKey(directive, transformer)
  } catch {
    return undefined
  }
}
