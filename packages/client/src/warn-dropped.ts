// Replaced by bundlers, like in `warnInDevelopment`: production builds drop the descriptions below.
declare const process: { readonly env: { readonly NODE_ENV?: string | undefined } }

// What a source sent that the client ignored, by kind; only development builds spell it out.
const descriptions = {
  undecodable: 'an invalidation directive whose params the transformer cannot decode',
  notAList: 'invalidation directives that are not a list',
  malformed: 'a malformed invalidation directive',
  notANotice: 'a value that is not a notice (base64url JSON with an id)',
  eventNotJson: 'an event that is not JSON',
  eventNotANotice: 'an event that is not a notice (an object with a string id)',
}

export type DroppedKind = keyof typeof descriptions

// Who sent it, from its kind and its path or URL; spelled out likewise in development only.
const sources = {
  mutation: (path: string) => `Mutation "${path}"`,
  header: (url: string) => `The Mizan-Invalidate header of ${url || 'a response'}`,
  events: (url: string) => `The event stream at ${url}`,
}

/** What sent the dropped value: the kind of source, and its path (a mutation) or URL. */
export type DroppedSource = readonly [kind: keyof typeof sources, detail: string]

/**
 * A development-only warning about directives the client ignored: `source` sent a `kind` of
 * value. Kinds, not descriptions, are the arguments, so production builds ship no description.
 */
export function warnDropped(source: DroppedSource, kind: DroppedKind, ...shown: unknown[]): void {
  try {
    if (process.env.NODE_ENV !== 'production') console.warn(`[mizan] ${sources[source[0]](source[1])} sent ${descriptions[kind]}: ignored, it invalidates nothing.`, ...shown)
  } catch {
    // No `process` here: say nothing rather than fail.
  }
}
