// What the idiomatic and standard shapes share: their handlers' five-field outputs, and the layout
// of a Mizan sub-router.

export const readOutput = (p: number) => `({ id: ${p}, name: JSON.stringify(input), createdAt: '2024-01-01', count: 0, active: true })`
export const writeOutput = (p: number) => `({ id: input.id, name: input.name, updatedAt: '2024-01-01', version: ${p}, note: input.note ?? null })`

export interface SubRouterParts {
  /** The file's first lines (its imports, any schema constants). */
  readonly header: readonly string[]
  /** The input schema expression of procedure `p`, a read (even) or a write (odd). */
  input(p: number): string
  /** The params write `p` gives its target, the read `p - 1`. */
  params(p: number): string
}

/**
 * A Mizan sub-router of `count` procedures: contexts named (a mutation's target names one),
 * mutations inline, each invalidating the context before it.
 */
export function mizanSubRouter(count: number, { header, input, params }: SubRouterParts): string {
  const lines = [...header, '']
  for (let p = 0; p < count; p += 2) lines.push(`const c${p} = m.context.input(${input(p)}).query(({ input }) => ${readOutput(p)})`)
  lines.push('', 'export const router = m.router({')
  for (let p = 0; p < count; p++) {
    if (p % 2 === 0) lines.push(`  c${p},`)
    else
      lines.push(
        `  m${p}: m.mutation`,
        `    .input(${input(p)})`,
        `    .run(({ input }) => ${writeOutput(p)})`,
        `    .invalidates(({ input }) => [c${p - 1}(${params(p)})]),`,
      )
  }
  return [...lines, '})', ''].join('\n')
}
