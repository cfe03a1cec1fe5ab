import { MizanError } from '../error.ts'
import { isRecord } from '../protocol/is-record.ts'

/**
 * Refuses superjson-style metadata whose shared references (`meta.referentialEqualities`) put a
 * value where superjson itself never does. At each target, superjson's `json` holds a copy of the
 * shared value (or null, with `dedupe`), never a number, and no target lies inside another one
 * (superjson does not look inside a value it has already placed). Run before decoding, on the
 * paths `spendMetaPathCost` has paid for: linear in them.
 *
 * Why it matters: decoding writes each shared value into its target. A wide object whose integer
 * fields are overwritten one by one with fractions makes V8 rebuild the object's layout for every
 * field: about 3 s of CPU for 1,000 fields, from a 17 KB body (Node 20), and a bundle may hold 50.
 */
export function assertSharedReferenceTargets(encoded: unknown): void {
  if (!isRecord(encoded) || !isRecord(encoded['meta'])) return
  const { meta } = encoded
  // superjson reads paths without escapes below version 1 (`meta.v`), as it does here.
  const legacy = ((meta['v'] ?? 0) as number) < 1
  const targets: string[][] = []
  for (const path of targetPaths(meta['referentialEqualities'])) {
    const parsed = parsePath(path, legacy)
    // A path superjson cannot parse fails its own decoding (400).
    if (parsed) targets.push(parsed)
  }
  if (targets.length === 0) return
  const root: Trie = new Map()
  for (const path of targets) insert(root, path)
  for (const path of targets) {
    if (insidePlacedValue(root, path) || !holdsPlaceholder(encoded['json'], path)) {
      throw new MizanError({
        code: 'BAD_REQUEST',
        message: 'The input places a shared reference where superjson never does (at a number, a missing path, or inside another shared reference)',
      })
    }
  }
}

// `{ source: [targets] }`, or `[[targets of the root]]` with that object second.
function targetPaths(equalities: unknown): string[] {
  const paths: string[] = []
  const addAll = (list: unknown) => {
    if (Array.isArray(list)) for (const path of list) if (typeof path === 'string') paths.push(path)
  }
  const addRecord = (record: unknown) => {
    if (isRecord(record)) for (const key of Object.keys(record)) addAll(record[key])
  }
  if (Array.isArray(equalities)) {
    addAll(equalities[0])
    addRecord(equalities[1])
  } else addRecord(equalities)
  return paths
}

/**
 * superjson's own path syntax (its `parsePath`): segments joined by dots, `\.` an escaped dot,
 * and `\\` an escaped backslash except in legacy paths; undefined where superjson would throw.
 */
function parsePath(path: string, legacy: boolean): string[] | undefined {
  const segments: string[] = []
  let segment = ''
  for (let i = 0; i < path.length; i++) {
    const char = path[i]!
    const next = path[i + 1]
    if (char === '\\' && !legacy && next === '\\') {
      segment += '\\'
      i++
    } else if (char === '\\' && next === '.') {
      segment += '.'
      i++
    } else if (char === '\\' && !legacy) {
      return undefined
    } else if (char === '.') {
      segments.push(segment)
      segment = ''
    } else segment += char
  }
  segments.push(segment)
  return segments
}

// Target paths by segment; `end` marks where a target path ends.
type Trie = Map<string, { readonly children: Trie; end: boolean }>

function insert(trie: Trie, path: readonly string[]): void {
  let level = trie
  path.forEach((segment, position) => {
    let node = level.get(segment)
    if (!node) level.set(segment, (node = { children: new Map(), end: false }))
    if (position === path.length - 1) node.end = true
    level = node.children
  })
}

function insidePlacedValue(trie: Trie, path: readonly string[]): boolean {
  let level = trie
  for (let position = 0; position < path.length - 1; position++) {
    const node = level.get(path[position]!)!
    if (node.end) return true
    level = node.children
  }
  return false
}

// The JSON at `path` exists and is not a number (Maps and Sets are arrays in JSON: indexes).
function holdsPlaceholder(json: unknown, path: readonly string[]): boolean {
  let value = json
  for (const segment of path) {
    if (Array.isArray(value)) {
      if (!/^(?:0|[1-9]\d*)$/.test(segment) || Number(segment) >= value.length) return false
      value = value[Number(segment)]
    } else if (isRecord(value) && Object.hasOwn(value, segment)) {
      value = value[segment]
    } else return false
  }
  return typeof value !== 'number'
}
