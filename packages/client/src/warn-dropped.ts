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

/**
 * A development-only warning about directives the client ignored: `source` sent a `kind` of
 * value. The kind, not its description, is the argument, so production builds ship no description.
 */
export function warnDropped(source: string, kind: DroppedKind, ...shown: unknown[]): void {
  try {
    if (process.env.NODE_ENV !== 'production') console.warn(`[mizan] ${source} sent ${descriptions[kind]}: ignored, it invalidates nothing.`, ...shown)
  } catch {
    // No `process` here: say nothing rather than fail.
  }
}
