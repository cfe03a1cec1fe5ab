import type { Request } from 'express'

/** What went wrong and what to do, for the path Mizan is mounted at. */
function earlierParserWarning(mountPath: string): string {
  return (
    `[mizan] A body parser mounted before Mizan (such as express.json()) already read a request body at "${mountPath || '/'}", ` +
    'so its rules apply first: its size limit (100 KB by default) answers a larger input with its own 413 page, ' +
    'its strict mode refuses a body that is not an object or array, and an empty body (an undefined input) arrives as {}. ' +
    "Mount Mizan before any body parser, or exclude Mizan's path from it."
  )
}

/**
 * Returns a check that warns once (per middleware) when another parser consumed a POST body
 * before Mizan. Mizan still uses that body, but the parser's failures answer before Mizan runs,
 * so users see only vague client errors unless told here.
 */
export function createEarlierParserWarning(): (req: Request) => void {
  let warned = false
  return (req) => {
    if (warned || !parsedBefore(req)) return
    warned = true
    console.warn(earlierParserWarning(req.baseUrl))
  }
}

// Only POSTs carry a body Mizan reads, so GET bundles never warn. body-parser 1 sets
// `req.body = {}` on every request it passes, so a defined body alone proves nothing: it must
// also have been read, which body-parser 1 marks with `_body` and any reader leaves as an
// ended stream (body-parser 2, Express 5's, sets `req.body` only when it parsed).
function parsedBefore(req: Request): boolean {
  if (req.method !== 'POST' || req.body === undefined) return false
  return (req as { _body?: unknown })._body === true || req.readableEnded
}
