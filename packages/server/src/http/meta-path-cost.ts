import { MizanError } from '../error.ts'

/**
 * Steps a transformer may take to resolve the paths of one request's metadata, per value the
 * request may hold (`maxInputNodes`): a few path steps per value is the most real input needs.
 */
export const metaStepsPerInputNode = 10

/**
 * Bounds what decoding superjson-style metadata (`{ json, meta }`) costs, before it runs.
 * superjson resolves every path its meta names (types, shared references) by walking from the
 * root, and inside a Set or a Map it steps entry by entry up to the index the path names: a body
 * of a few hundred kilobytes whose paths name high indexes again and again holds the event loop
 * for seconds before any check of the decoded value can run. A path costs at most the sum of its
 * numeric segments plus its length, so that sum over every string in `meta` is spent from
 * `stepsLeft` (shared by the inputs of one request); past it the request answers 413.
 */
export function spendMetaPathCost(encoded: unknown, budget: { metaStepsLeft: number }): void {
  if (typeof encoded !== 'object' || encoded === null || !('meta' in encoded)) return
  const pending: unknown[] = [(encoded as { meta: unknown }).meta]
  const spend = (text: string) => {
    let cost = 1
    for (const segment of text.split('.')) cost += /^\d+$/.test(segment) ? Number(segment) + 1 : 1
    budget.metaStepsLeft -= cost
    if (budget.metaStepsLeft < 0) {
      throw new MizanError({ code: 'PAYLOAD_TOO_LARGE', message: 'The input is too costly to decode: its metadata names too many or too deep paths' })
    }
  }
  // The meta is plain JSON from the request body: a tree, walked without recursion.
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node === 'string') spend(node)
    else if (Array.isArray(node)) pending.push(...node)
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        spend(key)
        pending.push(value)
      }
    }
  }
}
