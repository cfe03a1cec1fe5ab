import { MizanError } from '../error.ts'
import { metaStepsPerInputNode } from './meta-path-cost.ts'
import { holdsPrototypeKey, prototypeKeyError } from './parse-json.ts'

/**
 * What the inputs of one request may amount to once decoded. `nodesLeft` is spent by each input
 * in turn, so bundle items share one budget.
 */
export interface InputBudget {
  nodesLeft: number
  /** Path steps the transformer's metadata may still cost (see `spendMetaPathCost`). */
  metaStepsLeft: number
  readonly maxNodes: number
  readonly maxDepth: number
}

export function inputBudget(limits: { readonly maxInputNodes: number; readonly maxInputDepth: number }): InputBudget {
  return {
    nodesLeft: limits.maxInputNodes,
    metaStepsLeft: limits.maxInputNodes * metaStepsPerInputNode,
    maxNodes: limits.maxInputNodes,
    maxDepth: limits.maxInputDepth,
  }
}

interface Measured {
  /** Values in the object once expanded, itself included. */
  readonly size: number
  /** Levels of objects from this one down, itself included. */
  readonly height: number
}

interface Frame {
  readonly object: object
  readonly children: ArrayLike<unknown>
  next: number
  /** Values counted before this object's own one. */
  readonly start: number
  /** The greatest height among its children so far. */
  height: number
}

/**
 * Checks a decoded input before anything else walks it, and spends its size from `budget`:
 * counts its values as if shared references were expanded (413 past the budget), bounds its
 * depth and refuses cycles (400), and refuses prototype keys (400). Each distinct object is
 * walked once: a shared one is measured the first time and its size added wherever it appears
 * again, so the check stays linear in what was sent, and it stops as soon as a limit is passed.
 */
export function boundInput(value: unknown, budget: InputBudget): void {
  let spent = 0
  const spend = (count: number) => {
    spent += count
    if (spent > budget.nodesLeft) throw tooLarge(budget)
  }
  spend(1)
  if (typeof value !== 'object' || value === null) {
    budget.nodesLeft -= spent
    return
  }

  const measured = new Map<object, Measured>()
  const open = new Set<object>()
  const stack: Frame[] = []
  // An object's own value is already counted (by its parent, or as the root) when it is entered.
  const enter = (object: object) => {
    if (stack.length >= budget.maxDepth) throw tooDeep(budget)
    if (holdsPrototypeKey(object)) throw prototypeKeyError('The input')
    const start = spent - 1
    const children = childrenOf(object, spend)
    open.add(object)
    stack.push({ object, children, next: 0, start, height: 0 })
  }

  enter(value)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]
      if (typeof child !== 'object' || child === null) continue
      const known = measured.get(child)
      if (known) {
        if (stack.length + known.height > budget.maxDepth) throw tooDeep(budget)
        spend(known.size - 1)
        frame.height = Math.max(frame.height, known.height)
      } else if (open.has(child)) {
        throw new MizanError({ code: 'BAD_REQUEST', message: 'The input contains itself (a cycle), which is refused' })
      } else {
        enter(child)
      }
      continue
    }
    stack.pop()
    open.delete(frame.object)
    const done = { size: spent - frame.start, height: frame.height + 1 }
    measured.set(frame.object, done)
    const parent = stack[stack.length - 1]
    if (parent) parent.height = Math.max(parent.height, done.height)
  }
  budget.nodesLeft -= spent
}

// The values an object holds, each counted as one before any is looked into; the count comes
// first, so a huge (even sparse) array or collection is refused before being listed.
function childrenOf(object: object, spend: (count: number) => void): ArrayLike<unknown> {
  if (Array.isArray(object)) {
    spend(object.length)
    return object
  }
  if (object instanceof Map) {
    spend(object.size * 2)
    const entries: unknown[] = []
    for (const [key, value] of object) entries.push(key, value)
    return entries
  }
  if (object instanceof Set) {
    spend(object.size)
    return [...object]
  }
  if (ArrayBuffer.isView(object)) {
    spend(object.byteLength)
    return []
  }
  const keys = Object.keys(object)
  spend(keys.length)
  return keys.map((key) => (object as Record<string, unknown>)[key])
}

function tooLarge(budget: InputBudget): MizanError {
  return new MizanError({
    code: 'PAYLOAD_TOO_LARGE',
    message: `The input is too large once decoded: more than ${budget.maxNodes} values in this request (a shared reference counts wherever it appears)`,
  })
}

function tooDeep(budget: InputBudget): MizanError {
  return new MizanError({ code: 'BAD_REQUEST', message: `The input is nested deeper than ${budget.maxDepth} levels` })
}
