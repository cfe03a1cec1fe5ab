import { MizanError } from '../error.ts'
import { metaStepsPerInputNode } from './meta-path-cost.ts'
import { holdsPrototypeKey, prototypeKeyError } from './parse-json.ts'

/**
 * What the inputs of one request may amount to once decoded. `nodesLeft` is spent by each input
 * in turn, so bundle items share one budget.
 */
export interface InputBudget {
  nodesLeft: number
  /**
   * Characters of text (strings, object keys, BigInt digits) the inputs may still hold, counted
   * wherever a shared reference places them: at most what the request itself could carry.
   */
  textLeft: number
  /** Path steps the transformer's metadata may still cost (see `spendMetaPathCost`). */
  metaStepsLeft: number
  readonly maxNodes: number
  readonly maxDepth: number
}

export function inputBudget(limits: {
  readonly maxInputNodes: number
  readonly maxInputDepth: number
  /** Bounds the text; without it (unit tests), text is not bounded. */
  readonly maxBodyBytes?: number
  readonly maxUrlLength?: number
}): InputBudget {
  // Text sent once takes at least one byte of the body (or URL) per character, so only text that
  // shared references repeat can pass this: a 20 KB string placed at 3,000 paths is 60 MB.
  const textLeft = limits.maxBodyBytes === undefined ? Number.POSITIVE_INFINITY : Math.max(limits.maxBodyBytes, limits.maxUrlLength ?? 0)
  return {
    nodesLeft: limits.maxInputNodes,
    textLeft,
    metaStepsLeft: limits.maxInputNodes * metaStepsPerInputNode,
    maxNodes: limits.maxInputNodes,
    maxDepth: limits.maxInputDepth,
  }
}

interface Measured {
  /** Values in the object once expanded, itself included. */
  readonly size: number
  /** Characters of text in the object once expanded. */
  readonly text: number
  /** Levels of objects from this one down, itself included. */
  readonly height: number
}

interface Frame {
  readonly object: object
  readonly children: ArrayLike<unknown>
  next: number
  /** Values counted before this object's own one. */
  readonly start: number
  /** Text counted before this object's keys. */
  readonly startText: number
  /** The greatest height among its children so far. */
  height: number
}

/**
 * Checks a decoded input before anything else walks it, and spends its size from `budget`:
 * counts its values and their text as if shared references were expanded (413 past the budget),
 * bounds its depth and refuses cycles (400), and refuses prototype keys (400). Each distinct
 * object is walked once: a shared one is measured the first time and its size added wherever it
 * appears again, so the check stays linear in what was sent, and it stops as soon as a limit is
 * passed.
 */
export function boundInput(value: unknown, budget: InputBudget): void {
  if (boundFlat(value, budget)) return
  let spent = 0
  const spend = (count: number) => {
    spent += count
    if (spent > budget.nodesLeft) throw tooLarge(budget)
  }
  let text = 0
  const spendText = (count: number) => {
    text += count
    if (text > budget.textLeft) throw tooMuchText()
  }
  spend(1)
  if (typeof value !== 'object' || value === null) {
    spendText(textOf(value))
    budget.nodesLeft -= spent
    budget.textLeft -= text
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
    const startText = text
    const children = childrenOf(object, spend, spendText)
    open.add(object)
    stack.push({ object, children, next: 0, start, startText, height: 0 })
  }

  enter(value)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]
      if (typeof child !== 'object' || child === null) {
        spendText(textOf(child))
        continue
      }
      const known = measured.get(child)
      if (known) {
        if (stack.length + known.height > budget.maxDepth) throw tooDeep(budget)
        spend(known.size - 1)
        spendText(known.text)
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
    const done = { size: spent - frame.start, text: text - frame.startText, height: frame.height + 1 }
    measured.set(frame.object, done)
    const parent = stack[stack.length - 1]
    if (parent) parent.height = Math.max(parent.height, done.height)
  }
  budget.nodesLeft -= spent
  budget.textLeft -= text
}

/**
 * `boundInput` for the most common input, a primitive or one plain object (or array) of
 * primitives, without the walk's bookkeeping (several times cheaper for a small write): counts
 * and spends it and returns true, or returns false, having spent nothing, for anything holding an
 * object, which the walk then measures.
 */
function boundFlat(value: unknown, budget: InputBudget): boolean {
  let size = 1
  let text = 0
  if (typeof value !== 'object' || value === null) text = textOf(value)
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === 'object' && item !== null) return false
      text += textOf(item)
      // Bounded as it goes: a huge (even sparse) array is refused without being read through.
      if (i >= budget.nodesLeft) throw tooLarge(budget)
    }
    if (budget.maxDepth < 1) throw tooDeep(budget)
    size += value.length
  } else {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return false
    const keys = Object.keys(value)
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const entry: unknown = (value as Record<string, unknown>)[key]
      if (typeof entry === 'object' && entry !== null) return false
      text += key.length + textOf(entry)
    }
    if (budget.maxDepth < 1) throw tooDeep(budget)
    if (holdsPrototypeKey(value)) throw prototypeKeyError('The input')
    size += keys.length
  }
  if (size > budget.nodesLeft) throw tooLarge(budget)
  if (text > budget.textLeft) throw tooMuchText()
  budget.nodesLeft -= size
  budget.textLeft -= text
  return true
}

// The values an object holds, each counted as one before any is looked into; the count comes
// first, so a huge (even sparse) array or collection is refused before being listed.
function childrenOf(object: object, spend: (count: number) => void, spendText: (count: number) => void): ArrayLike<unknown> {
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
  for (const key of keys) spendText(key.length)
  return keys.map((key) => (object as Record<string, unknown>)[key])
}

function tooLarge(budget: InputBudget): MizanError {
  return new MizanError({
    code: 'PAYLOAD_TOO_LARGE',
    message: `The input is too large once decoded: more than ${budget.maxNodes} values in this request (a shared reference counts wherever it appears)`,
  })
}

// A BigInt's digits in hex: never more than the decimal digits its JSON spelled.
function textOf(value: unknown): number {
  if (typeof value === 'string') return value.length
  if (typeof value === 'bigint') return value.toString(16).length
  return 0
}

function tooMuchText(): MizanError {
  return new MizanError({
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The input is too large once decoded: it holds more text than the request carried (a shared reference counts wherever it appears)',
  })
}

function tooDeep(budget: InputBudget): MizanError {
  return new MizanError({ code: 'BAD_REQUEST', message: `The input is nested deeper than ${budget.maxDepth} levels` })
}
