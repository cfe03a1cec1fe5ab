import type { FlushedDirective, Transformer } from '@mizan/client'

/** `project`, `project({"id":7})`, `project.where({"done":false})` or `all`: a directive as it was written. */
export function describeDirective(directive: FlushedDirective): string {
  if (directive.kind === 'all') return 'all'
  if (directive.kind === 'whole') return directive.context
  const params = describeValue(directive.params)
  return directive.kind === 'exact' ? `${directive.context}(${params})` : `${directive.context}.where(${params})`
}

/** A Mizan query key with its input decoded from the wire form: `project({"id":7})`, `feed(…) ∞`. */
export function describeQueryKey(queryKey: readonly unknown[], transformer: Transformer): string {
  const path = String(queryKey[1])
  const infinite = queryKey.length > 3 ? ' ∞' : ''
  if (queryKey.length < 3 || queryKey[2] == null) return `${path}${infinite}`
  let input: unknown
  try {
    input = transformer.deserialize(queryKey[2])
  } catch {
    input = queryKey[2]
  }
  return `${path}(${describeValue(input)})${infinite}`
}

/** JSON for display: BigInts as `12n`, Maps and Sets as lists; never throws. */
export function describeValue(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return `${item}n`
        if (item instanceof Map) return [...item]
        if (item instanceof Set) return [...item]
        return item
      }) ?? 'undefined'
    )
  } catch {
    return String(value)
  }
}
