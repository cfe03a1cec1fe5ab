import { bundleLabels } from '../bundle-size/measure-bundles.ts'
import type { BundleFigures, BundleName } from '../bundle-size/measure-bundles.ts'
import { firstAnswerModes } from '../bundle-streaming/first-answer.ts'
import type { FirstAnswerMode, FirstAnswerResults } from '../bundle-streaming/first-answer.ts'
import type { CacheResults } from '../http/run-cache.ts'
import type { HttpResults } from '../http/run-http.ts'
import type { FlushResults } from '../invalidation-flush/run-flush.ts'
import type { TypeCheckRow } from '../type-check/run-type-check.ts'

export interface RunInfo {
  readonly date: string
  readonly machine: string
  readonly node: string
  readonly versions: Record<string, string>
  readonly minutes: number
  readonly quick: boolean
}

export interface AllResults {
  readonly info: RunInfo
  readonly http: HttpResults
  readonly cache: CacheResults
  readonly types: readonly TypeCheckRow[]
  // The opt-in rows are missing from results older than them.
  readonly bundles: { readonly mizan: BundleFigures; readonly trpc: BundleFigures } & Partial<Record<BundleName, BundleFigures>>
  readonly flush: FlushResults
  /** Missing from results older than it. */
  readonly streaming?: FirstAnswerResults
}

const scenarioNames = { read: 'one read, no input', bundle: 'bundle of 3 reads', mutation: 'one mutation (zod body)' } as const
const variantNames: Record<string, string> = {
  'node-bare/superjson': 'bare node:http + superjson (the floor)',
  'express-lean/superjson': 'lean raw Express + superjson (no ETag, Mizan\'s input decoding)',
  'express/superjson': 'idiomatic raw Express + superjson (`res.json`, ETag on)',
  'mizan-node/superjson': 'Mizan on node:http + superjson',
  'mizan/superjson': 'Mizan on Express + superjson',
  'mizan-cache-events/superjson': 'Mizan + superjson, cache and events on (nothing cached)',
  'mizan-csrf-off/superjson': 'Mizan + superjson, CSRF check off',
  'trpc/superjson': 'tRPC 11 + superjson',
  'orpc/json': 'oRPC (own serializer; its batch streamed, as by default)',
  'orpc-buffered/json': 'oRPC (own serializer; its batch buffered)',
  'express/json': 'raw Express, plain JSON',
  'mizan/json': 'Mizan, plain JSON',
  'trpc/json': 'tRPC 11, plain JSON',
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The raw Express row a variant is compared with: the same wire format (oRPC's is rich, like superjson). */
export function baselineOf(variant: string): string {
  return variant.endsWith('/json') && !variant.startsWith('orpc') ? 'express/json' : 'express/superjson'
}

export function throughputRatio(http: HttpResults, scenario: string, variant: string): number {
  const rows = http.throughput[scenario]!
  return median(rows[variant]!) / median(rows[baselineOf(variant)]!)
}

export function p99Ratio(http: HttpResults, scenario: string, variant: string): number {
  const rows = http.latency[scenario]!
  return median(rows[variant]!.p99) / median(rows[baselineOf(variant)]!.p99)
}

/** The floor every ratio that matters is taken against: node:http alone doing the same work, superjson. */
export const floor = 'node-bare/superjson'

/** Whether a variant is compared with the floor: its wire is rich like superjson (oRPC's serializer is too). */
function hasFloor(http: HttpResults, scenario: string, variant: string): boolean {
  return http.throughput[scenario]![floor] !== undefined && (variant.endsWith('/superjson') || variant.startsWith('orpc'))
}

/** req/s as a share of the bare node:http floor's (1.00x: as fast as Node itself). */
export function floorRatio(http: HttpResults, scenario: string, variant: string): number {
  const rows = http.throughput[scenario]!
  return median(rows[variant]!) / median(rows[floor]!)
}

export function p99FloorRatio(http: HttpResults, scenario: string, variant: string): number {
  const rows = http.latency[scenario]!
  return median(rows[variant]!.p99) / median(rows[floor]!.p99)
}

const isRawRow = (variant: string) => variant.startsWith('express') || variant.startsWith('node-bare')

// Results older than the idiomatic shape hold the repository's shape only; older than the standard
// shape, no standard rows.
const shapeOf = (r: TypeCheckRow) => r.shape ?? 'repository'
const shapeNames = { repository: "this repository's shape", idiomatic: 'idiomatic shape', standard: 'Standard Schema shape' } as const
// What "no framework" types its handlers with in each shape.
const bareSchemas = { repository: 'bare zod', idiomatic: 'bare zod', standard: 'bare hand-written Standard Schemas' } as const

function row(type: readonly TypeCheckRow[], framework: string, procedures: number, shape = 'repository'): TypeCheckRow | undefined {
  return type.find((r) => r.framework === framework && r.procedures === procedures && shapeOf(r) === shape)
}

// What a framework adds over the bare schemas, in single-threaded instantiations.
function added(types: readonly TypeCheckRow[], r: TypeCheckRow): number | undefined {
  const base = row(types, 'none', r.procedures, shapeOf(r))
  return base && r.framework !== 'none' ? r.instantiations - base.instantiations : undefined
}

const fmt = (value: number, digits = 2) => value.toFixed(digits)
const yes = (ok: boolean) => (ok ? 'yes' : '**no**')

/** BENCHMARKS.md: method, machine, versions, medians, ratios and targets, from the raw results. */
export function renderReport(results: AllResults): string {
  const { info, http, cache, types, bundles, flush } = results
  const scenarios = Object.keys(http.throughput)
  // Every variant measured, in order of first appearance; Mizan with the CSRF check off, measured in
  // the mutation scenario only, has its own section. A variant measured in one scenario only (oRPC's
  // buffered batch) shows a dash in the others.
  const variants = [...new Set(scenarios.flatMap((scenario) => Object.keys(http.throughput[scenario]!)))].filter((variant) => variant !== csrfOff)
  const lines: string[] = []
  lines.push(
    '# Benchmarks',
    '',
    'Regenerated by `npm run bench` (this file, `bench/results/*.json` and `bench/results/throughput-ratios.svg`).',
    'Every figure comes from one run on one machine, with the peers measured side by side in the same run.',
    '',
    `Run: ${info.date}, ${info.minutes.toFixed(1)} minutes${info.quick ? ' (quick mode: fewer rounds, not for claims)' : ''}.`,
    `Machine: ${info.machine}; Node ${info.node}.`,
    `Versions: ${Object.entries(info.versions).map(([name, version]) => `${name} ${version}`).join(', ')}.`,
    '',
    '## Targets',
    '',
    '| metric | target | measured | met |',
    '|---|---|---|---|',
  )
  for (const scenario of scenarios.filter((s) => hasFloor(http, s, 'mizan-node/superjson') && http.throughput[s]!['mizan-node/superjson'])) {
    const ratio = floorRatio(http, scenario, 'mizan-node/superjson')
    const peers: Record<string, string> = { 'mizan/superjson': 'Mizan on Express', 'express-lean/superjson': 'lean Express', 'trpc/superjson': 'tRPC' }
    const others = Object.entries(peers)
      .filter(([variant]) => http.throughput[scenario]![variant])
      .map(([variant, name]) => `${name} ${fmt(floorRatio(http, scenario, variant))}x`)
    lines.push(`| ${targetName(scenario)}: req/s, Mizan on node:http vs bare node:http (superjson) | >= 0.85x | ${fmt(ratio)}x${others.length ? ` (${others.join(', ')})` : ''} | ${yes(ratio >= 0.85)} |`)
  }
  for (const scenario of scenarios.filter((s) => hasFloor(http, s, 'mizan-node/superjson') && http.latency[s]?.['mizan-node/superjson'])) {
    const ratio = p99FloorRatio(http, scenario, 'mizan-node/superjson')
    lines.push(`| ${targetName(scenario)}: p99 at ${http.latencyRate[scenario]} req/s, Mizan on node:http vs bare node:http | <= 1.3x | ${fmt(ratio)}x | ${yes(ratio <= 1.3)} |`)
  }
  for (const scenario of scenarios) {
    const ratio = throughputRatio(http, scenario, 'mizan/superjson')
    const trpc = http.throughput[scenario]!['trpc/superjson'] ? ` (tRPC ${fmt(throughputRatio(http, scenario, 'trpc/superjson'))}x)` : ''
    lines.push(`| ${targetName(scenario)}: req/s, Mizan on Express vs idiomatic raw Express (superjson) | >= 0.85x | ${fmt(ratio)}x${trpc} | ${yes(ratio >= 0.85)} |`)
  }
  for (const scenario of scenarios) {
    const ratio = p99Ratio(http, scenario, 'mizan/superjson')
    lines.push(`| ${targetName(scenario)}: p99 at ${http.latencyRate[scenario]} req/s, Mizan on Express vs idiomatic raw Express | <= 1.3x | ${fmt(ratio)}x | ${yes(ratio <= 1.3)} |`)
  }
  const sizes = [...new Set(types.filter((r) => r.framework === 'trpc').map((r) => r.procedures))]
  const shapes = [...new Set(types.map(shapeOf))]
  for (const shape of shapes) {
    for (const procedures of sizes) {
      const mizan = row(types, 'mizan', procedures, shape)
      const trpc = row(types, 'trpc', procedures, shape)
      if (!mizan || !trpc) continue
      const at = `type-check ${procedures} procedures, ${shapeNames[shape]}`
      const mizanAdds = added(types, mizan)
      const trpcAdds = added(types, trpc)
      if (mizanAdds !== undefined && trpcAdds !== undefined) {
        const ratio = mizanAdds / trpcAdds
        lines.push(`| ${at}: instantiations added over ${bareSchemas[shape]}, vs tRPC | <= 0.5x | ${fmt(ratio)}x (${mizanAdds} vs ${trpcAdds}) | ${yes(ratio <= 0.5)} |`)
      }
      if (mizan.invalidatesPerMutation !== undefined) {
        lines.push(`| ${at}: instantiations per mutation's \`.invalidates\` | <= 30 | ${mizan.invalidatesPerMutation} | ${yes(mizan.invalidatesPerMutation <= 30)} |`)
      }
      const time = mizan.checkTimeSeconds / trpc.checkTimeSeconds
      lines.push(`| ${at}: check time vs tRPC (total, noisy) | <= 0.5x | ${fmt(time)}x (${mizan.checkTimeSeconds} s vs ${trpc.checkTimeSeconds} s) | ${yes(time <= 0.5)} |`)
    }
  }
  const largest = types.find((r) => r.framework === 'mizan' && !sizes.includes(r.procedures))
  if (largest) {
    lines.push(`| type-check ${largest.procedures} procedures | no TS2589 | ${largest.errors.length} errors, ${largest.ts2589 ? 'TS2589' : 'no TS2589'}, ${largest.checkTimeSeconds} s | ${yes(largest.errors.length === 0)} |`)
  }
  lines.push(
    `| base entry (createClient + createMizanReact + MizanProvider), min+gzip | <= 3.5 kB | ${fmt(bundles.mizan.gzipBytes / 1000)} kB (tRPC's client, batch link and React Query bridge ${fmt(bundles.trpc.gzipBytes / 1000)} kB, ${fmt(bundles.mizan.gzipBytes / bundles.trpc.gzipBytes)}x) | ${yes(bundles.mizan.gzipBytes <= 3500)} |`,
    `| flush of 100 directives, 10,000 vs 100 cached queries | <= 2x | ${fmt(flush.ratios.mizan10000vs100)}x | ${yes(flush.ratios.mizan10000vs100 <= 2)} |`,
    `| 100 partial directives (one hit each), 10,000 vs 100 queries in the targeted context | <= 2x | ${fmt(flush.ratios.partial10000vs100)}x | ${yes(flush.ratios.partial10000vs100 <= 2)} |`,
    '',
    '![Throughput relative to bare node:http](bench/results/throughput-ratios.svg)',
    '',
    '## Server throughput',
    '',
    `Requests per second at saturation: autocannon in the bench process, 10 connections, ${http.options.seconds} s after a ${http.options.warmupSeconds} s warm-up that is discarded, a fresh server process (NODE_ENV=production) per measurement, variants alternated from round to round, median of ${http.options.rounds} rounds; CPUs: ${http.pinning}. Same data and handlers for every variant; each framework is sent exactly the request its own client sends (captured from the client; the raw baselines get hand-written routes doing the same work, the bundle as one route). Three raw baselines: **bare node:http**, the floor of a Node server (\`http.createServer\`, routing by hand, \`writeHead\`/\`end\` with a length, the bundle's reads as Mizan's JSON items in the query, each input through superjson and zod, the write checked by hand as Mizan's is, a double-submit CSRF token (an \`x-csrf-token\` header equal to a \`csrf\` cookie, compared in constant time, before the body is read), then its body read with a 1 MB bound, JSON-parsed, through superjson and zod, and answered with its data beside the same two invalidation directives Mizan's answer carries, in the same wire form: a JSON list, each directive's params through superjson); **lean raw Express**, the same work on Express 5 with \`app.set('etag', false)\` and \`res.json\`; and **idiomatic raw Express**, as most apps are written (\`res.json\` with Express's default ETag, a SHA-1 of every body, the bundle's id as \`?id=1\`, and a write with no CSRF check that answers its data alone). Mizan's check is more than the floor's: it verifies the token's HMAC signature (once per token, then remembered) and the request's \`Origin\` and \`Sec-Fetch-Site\`; it also validates the client-chosen mutation id and runs the write's invalidation through its cache and event hooks (none configured here). tRPC and oRPC check no CSRF token and answer no directives. oRPC's batch streams its answers (server-sent events) by default; its buffered mode (\`BatchLinkPlugin({ mode: 'buffered' })\`) is measured beside it in the bundle scenario. Mizan's client asks for a streamed bundle only with \`batch: { stream: streamedAnswers() }\`; the bench's client does not, and Mizan answers a bundle whose reads settle at once as one JSON array either way. Mizan writes with \`writeHead\`/\`end\` and computes no ETag. The first ratio compares with the bare floor (superjson, and oRPC, whose serializer handles Dates, Maps and BigInt like superjson); the second with idiomatic raw Express on the same wire format. Mizan runs with its CSRF check on, as by default (tRPC and oRPC have none): its servers share a secret of 32 random bytes made for the run, and its write carries the \`mizan-csrf\` header and cookie the Mizan client got from its own \`GET /mizan/session\` on the server the requests were captured on, which every server process of the run checks (signature, then token against cookie).`,
    '',
    `| variant | ${scenarios.map((s) => scenarioNames[s as keyof typeof scenarioNames]).join(' | ')} |`,
    `|---|${scenarios.map(() => '---').join('|')}|`,
  )
  for (const variant of variants) {
    const cells = scenarios.map((scenario) => {
      if (!http.throughput[scenario]![variant]) return '—'
      const value = median(http.throughput[scenario]![variant]!)
      const toFloor = variant !== floor && hasFloor(http, scenario, variant) ? `${fmt(floorRatio(http, scenario, variant))}x floor` : ''
      const toExpress = isRawRow(variant) ? '' : `${fmt(throughputRatio(http, scenario, variant))}x Express`
      const ratios = [toFloor, toExpress].filter(Boolean).join(', ')
      return `${value.toFixed(0)} req/s${ratios ? ` (${ratios})` : ''}`
    })
    lines.push(`| ${variantNames[variant] ?? variant} | ${cells.join(' | ')} |`)
  }
  lines.push(
    '',
    '## Latency at a fixed rate',
    '',
    `p50 and p99 in milliseconds (sub-millisecond resolution, from every 2xx response time) at a fixed overall rate that every variant sustains yet near saturation (${Math.round(http.latencyShare * 100)}% of the slowest variant's median throughput for that scenario), medians over the rounds. Latency at saturation would only mirror throughput; at a light load every server looks alike.`,
    '',
    `| variant | ${scenarios.map((s) => `${scenarioNames[s as keyof typeof scenarioNames]} (${http.latencyRate[s]} req/s)`).join(' | ')} |`,
    `|---|${scenarios.map(() => '---').join('|')}|`,
  )
  for (const variant of variants) {
    const cells = scenarios.map((scenario) => {
      const entry = http.latency[scenario]![variant]
      if (!entry) return '—'
      const toFloor = variant !== floor && hasFloor(http, scenario, variant) ? `${fmt(p99FloorRatio(http, scenario, variant))}x floor` : ''
      const toExpress = isRawRow(variant) ? '' : `${fmt(p99Ratio(http, scenario, variant))}x Express`
      const ratios = [toFloor, toExpress].filter(Boolean).join(', ')
      return `${fmt(median(entry.p50), 3)} / ${fmt(median(entry.p99), 3)}${ratios ? ` (p99 ${ratios})` : ''}`
    })
    lines.push(`| ${variantNames[variant] ?? variant} | ${cells.join(' | ')} |`)
  }
  lines.push(...renderStreamingSection(results.streaming))
  lines.push(...renderLoadSection(http))
  lines.push(...renderCsrfSection(http))
  lines.push(...renderCacheSection(http, cache))
  // Results older than the standard shape describe two shapes.
  const standardShape = shapes.includes('standard')
    ? ' The Standard Schema shape: the idiomatic layout and inputs with no zod, every input a hand-written Standard Schema v1 object (its type written by hand, from one small helper the same for every framework, so the validator\'s cost is equal and small), and a client calling every procedure, not 20.'
    : ''
  lines.push(
    '',
    '## Type-check cost',
    '',
    'Generated routers in 50 sub-routers, half reads and half writes (for Mizan each write has a typed invalidation target: work tRPC does not do), plus a client file calling 20 procedures and reading their inferred types, in ' + (standardShape ? 'three' : 'two') + ' shapes. This repository\'s shape: every procedure a named export, identical 3-field read and 2-field write inputs. The idiomatic shape, as the frameworks\' docs write an app: procedures inline in `router({...})`, four varied read inputs with `.int()`/`.optional()`, five-field outputs.' + standardShape + ' Each framework is read as a user installs it: Mizan through its built declaration files (`dist/*.d.ts`, `npm run build` first), tRPC through its published ones. TypeScript 7 `tsc --noEmit --extendedDiagnostics --singleThreaded` (exact counts), frameworks alternated, median check time of the repeats; once more with TypeScript\'s default checkers, each instantiating what its files need on its own (higher, and moved by how files fall to checkers). "No framework" is the same schemas and handlers as plain functions: what each framework adds is its total minus that (the validator\'s own cost is not the framework\'s). `.invalidates` per mutation: Mizan\'s router minus the same router without its targets, per mutation.',
    '',
    '| shape | procedures | framework | check time | instantiations | default checkers | types | memory | added over no framework | `.invalidates` per mutation |',
    '|---|---|---|---|---|---|---|---|---|---|',
  )
  for (const r of types) {
    const framework = r.framework === 'none' ? 'no framework' : r.framework === 'trpc' ? 'tRPC 11' : 'Mizan'
    const cells = [shapeOf(r), r.procedures, framework, `${r.checkTimeSeconds} s`, r.instantiations, r.instantiationsDefaultCheckers ?? '', r.types, `${r.memoryMb} MB`, added(types, r) ?? '', r.invalidatesPerMutation ?? '']
    lines.push(`| ${cells.join(' | ')} |`)
  }
  for (const shape of shapes) {
    for (const procedures of sizes) {
      const [mizan, trpc] = [row(types, 'mizan', procedures, shape), row(types, 'trpc', procedures, shape)]
      const [mizanAdds, trpcAdds] = [mizan && added(types, mizan), trpc && added(types, trpc)]
      if (mizanAdds === undefined || trpcAdds === undefined) continue
      lines.push('', `${shapeNames[shape][0]!.toUpperCase()}${shapeNames[shape].slice(1)}, ${procedures} procedures, what the framework adds over the bare schemas: Mizan ${mizanAdds} instantiations, tRPC ${trpcAdds} (${fmt(mizanAdds / trpcAdds)}x).`)
    }
  }
  lines.push(
    '',
    '## Bundle size',
    '',
    'esbuild `--bundle --minify` of an entry using the typed client, read batching and the React Query bridge (react, @tanstack/react-query and superjson external), then gzip -9. Each Mizan row after the first adds one opt-in part to the base entry; an app ships only the parts it imports.',
    '',
    '| stack | minified | min+gzip |',
    '|---|---|---|',
    ...(Object.keys(bundleLabels) as BundleName[]).flatMap((name) => {
      const figures = bundles[name]
      return figures ? [`| ${bundleLabels[name]} | ${figures.minifiedBytes} B | ${figures.gzipBytes} B |`] : []
    }),
    '',
    '## Invalidation flush',
    '',
    `100 scoped directives (50 exact, 50 partial) on one context, against a cache of 100 queries of that context plus unrelated ones up to the total; Mizan's flush (exact targets by hash, partial ones through its index by path) alternated with the naive loop of one \`invalidateQueries\` per directive (each scanning the whole cache). Medians of ${flush.rounds} rounds (${flush.naiveRounds} for the naive loop), first rounds discarded.`,
    '',
    '| cached queries | Mizan flush | naive invalidateQueries loop | naive / Mizan |',
    '|---|---|---|---|',
  )
  for (const size of [100, 10000]) {
    const mizan = flush.medianMs[`mizan-${size}`]!
    const naive = flush.medianMs[`naive-${size}`]!
    lines.push(`| ${size} | ${fmt(mizan, 3)} ms | ${fmt(naive, 1)} ms | ${(naive / mizan).toFixed(0)}x |`)
  }
  lines.push('', `Mizan's flush with 10,000 cached queries costs ${fmt(flush.ratios.mizan10000vs100)}x the same flush with 100.`, '')
  lines.push(
    `100 partial directives, each matching one query, against 100 and 10,000 queries all of the targeted context (partial matches found through the index's per-field maps of param values, built the first time a directive names a field and kept current afterwards): ${fmt(flush.medianMs['mizan-partial-100']!, 3)} ms and ${fmt(flush.medianMs['mizan-partial-10000']!, 3)} ms, ${fmt(flush.ratios.partial10000vs100)}x. The first flush naming the field, which builds its map, took ${fmt(flush.firstPartialMs['partial-10000']!, 1)} ms at 10,000.`,
    '',
  )
  const ms = (name: string, digits = 3) => `${fmt(flush.medianMs[name]!, digits)} ms`
  lines.push(
    `Worst cases. The same 100 mixed directives against queries all of the targeted context; Mizan's flush with its memo warm (one index for the run, as a mounted provider keeps it) and cold (a fresh QueryClient and index for every measured flush, so no per-field map and no per-query field keys exist yet; the index build, done at mount, is timed apart), beside a fair naive baseline: ONE \`invalidateQueries\` pass whose predicate checks every directive (exact targets by the hash of their canonical key, partial ones by canonical equality of each named field, whole contexts by path), as a careful app would write it. Medians of ${flush.rounds} rounds (${flush.coldRounds} cold), first rounds discarded.`,
    '',
    '| cached queries | Mizan, warm memo | Mizan, cold memo (+ index build at mount) | one invalidateQueries pass, predicate | pass / warm | pass / cold |',
    '|---|---|---|---|---|---|',
  )
  for (const [label, warm, cold, pass, index] of [
    ['100 (all in the context)', 'mizan-context-100', 'cold-100', 'naive-pass-context-100', 'cold-index-100'],
    ['10,000, 100 in the context', 'mizan-10000', 'cold-mixed-10000', 'naive-pass-10000', undefined],
    ['10,000, all in the context (worst case)', 'mizan-context-10000', 'cold-10000', 'naive-pass-context-10000', 'cold-index-10000'],
  ] as const) {
    const built = index ? ` (+ ${ms(index)})` : ''
    lines.push(`| ${label} | ${ms(warm)} | ${ms(cold)}${built} | ${ms(pass)} | ${fmt(flush.medianMs[pass]! / flush.medianMs[warm]!)}x | ${fmt(flush.medianMs[pass]! / flush.medianMs[cold]!)}x |`)
  }
  lines.push(
    '',
    `Cold, 10,000 vs 100 queries all in the targeted context: ${fmt(flush.ratios.cold10000vs100)}x. The 100 partial directives (one hit each) cold: ${ms('cold-partial-100')} at 100 and ${ms('cold-partial-10000')} at 10,000 in the context. A ratio below 1x means the one-pass predicate is the faster.`,
    '',
  )
  return lines.join('\n')
}

/** A target's name: a Mizan write passes its CSRF check. */
function targetName(scenario: string): string {
  const name = scenarioNames[scenario as keyof typeof scenarioNames] ?? scenario
  return scenario === 'mutation' ? `${name}, Mizan's CSRF check on` : name
}

const streamingNames: Record<FirstAnswerMode, string> = {
  'mizan-streamed': 'Mizan, `batch: { stream: streamedAnswers() }` (NDJSON lines as reads settle)',
  'mizan-buffered': 'Mizan, default client (one JSON array)',
  'trpc-streamed': 'tRPC 11, `httpBatchStreamLink`',
  'trpc-buffered': 'tRPC 11, `httpBatchLink`',
}

/** A bundle with one slow read: how soon its other callers get their answers, streamed and buffered. */
function renderStreamingSection(streaming: FirstAnswerResults | undefined): string[] {
  if (!streaming) return []
  const lines = [
    '',
    '## Streamed bundles: time to the first answer',
    '',
    `One bundle of ${streaming.fastReads} quick reads and one read held ${streaming.slowReadMs} ms by a timer, through each client over loopback to one Express server (superjson, Mizan's CSRF check off as no write is sent); ms from the call until the first caller resolved and until the last, medians of ${streaming.runs} runs per mode, modes rotated, first runs discarded. Buffered, every caller waits for the slowest read.`,
    '',
    '| client | first answer | last answer |',
    '|---|---|---|',
  ]
  for (const mode of firstAnswerModes) {
    const { first, last } = streaming.samples[mode]
    lines.push(`| ${streamingNames[mode]} | ${fmt(median(first), 1)} ms | ${fmt(median(last), 1)} ms |`)
  }
  return lines
}

/** The machine's load average as each round ended: a round run on a busy machine shows here. */
function renderLoadSection(http: HttpResults): string[] {
  if (http.loadByRound.length === 0) return []
  const lines = [
    '',
    '### Load average by round',
    '',
    '`os.loadavg()` (1, 5 and 15 minutes) as each round of the HTTP bench ended. The load generator and the server keep about two CPUs busy during a round; a figure well above that means something else ran.',
    '',
    '| phase | round | 1 min | 5 min | 15 min |',
    '|---|---|---|---|---|',
  ]
  for (const { phase, round, loadavg } of http.loadByRound) lines.push(`| ${phase} | ${round} | ${loadavg.map((value) => fmt(value)).join(' | ')} |`)
  return lines
}

const csrfOn = 'mizan/superjson'
const csrfOff = 'mizan-csrf-off/superjson'

/** What the CSRF check costs a write: Mizan's mutation with the check on and off, from the same rounds. */
function renderCsrfSection(http: HttpResults): string[] {
  const scenarios = Object.keys(http.throughput).filter((scenario) => http.throughput[scenario]![csrfOff] && http.throughput[scenario]![csrfOn])
  if (scenarios.length === 0) return []
  const lines = [
    '',
    '## Cost of the CSRF check',
    '',
    `Mizan + superjson as above (check on: each write's token is verified against the run's secret, HMAC-SHA256, and compared with its cookie), and the same server with \`csrf: false\`, whose client sends no token. Measured in the rounds above, alternated with the rest; medians, on / off (1.00x: no cost). Reads take no token.`,
    '',
    '| scenario | check off | check on | req/s, on / off | p99 off | p99 on | p99, on / off |',
    '|---|---|---|---|---|---|---|',
  ]
  for (const scenario of scenarios) {
    const off = median(http.throughput[scenario]![csrfOff]!)
    const on = median(http.throughput[scenario]![csrfOn]!)
    const latency = http.latency[scenario]
    const p99 = latency?.[csrfOff] && latency[csrfOn] ? { off: median(latency[csrfOff].p99), on: median(latency[csrfOn].p99) } : undefined
    const p99Cells = p99 ? `${fmt(p99.off, 3)} ms | ${fmt(p99.on, 3)} ms | ${fmt(p99.on / p99.off)}x` : 'n/a | n/a | n/a'
    lines.push(`| ${scenarioNames[scenario as keyof typeof scenarioNames] ?? scenario} | ${off.toFixed(0)} req/s | ${on.toFixed(0)} req/s | ${fmt(on / off)}x | ${p99Cells} |`)
  }
  return lines
}

const withCacheEvents = 'mizan-cache-events/superjson'
const withoutCacheEvents = 'mizan/superjson'
const cacheVariantNames: Record<string, string> = {
  'mizan/superjson': 'uncached',
  'mizan-cached-memory/superjson': '`.cache()`, memory cache',
  'mizan-cached-redis/superjson': '`.cache()`, Redis cache',
}

/** What the result cache and the event bus cost on the path, and what a cache hit gives. */
function renderCacheSection(http: HttpResults, cache: CacheResults): string[] {
  const lines = ['', '## Result cache and events', '']
  const scenarios = Object.keys(http.throughput).filter((scenario) => http.throughput[scenario]![withCacheEvents])
  if (scenarios.length > 0) {
    lines.push(
      '### Cost of the cache and events code on the path',
      '',
      `Mizan + superjson as above, and the same router given \`cache: memoryCache()\` and \`events: memoryEvents()\` at \`create()\` with no context cached: reads take the path that looks up whether their context is cached, every mutation purges the cache for its directives and publishes its event on the bus (no stream listening). Measured in the rounds above, alternated with the rest; medians, with / without (1.00x: no cost).`,
      '',
      '| scenario | without | with cache and events | req/s, with / without | p99, with / without |',
      '|---|---|---|---|---|',
    )
    for (const scenario of scenarios) {
      const without = median(http.throughput[scenario]![withoutCacheEvents]!)
      const withIt = median(http.throughput[scenario]![withCacheEvents]!)
      const latency = http.latency[scenario]
      const p99 = latency?.[withCacheEvents] && latency[withoutCacheEvents] ? `${fmt(median(latency[withCacheEvents].p99) / median(latency[withoutCacheEvents].p99))}x` : 'n/a'
      lines.push(`| ${scenarioNames[scenario as keyof typeof scenarioNames] ?? scenario} | ${without.toFixed(0)} req/s | ${withIt.toFixed(0)} req/s | ${fmt(withIt / without)}x | ${p99} |`)
    }
    lines.push('')
  }
  const cacheScenarios = Object.keys(cache.throughput)
  if (cacheScenarios.length === 0) return lines
  const variants = Object.keys(cache.throughput[cacheScenarios[0]!]!)
  const uncached = (scenario: string) => median(cache.throughput[scenario]![withoutCacheEvents]!)
  lines.push(
    '### Cached reads',
    '',
    `The same Mizan + superjson router with its three reads declared \`.cache()\` (public scope), in the memory cache${cache.redisSkipped ? '' : ` and in the Redis cache (redis-server ${cache.redisVersion ?? ''} on loopback, started by the bench: each hit is one script call that checks the entry's generation in Redis)`}, against the router uncached. Measured as above (fresh process, ${cache.options.seconds} s after a ${cache.options.warmupSeconds} s warm-up, variants alternated, median of ${cache.options.rounds} rounds), in its own rounds; the ratio compares with uncached. The handlers here return in-memory data at once: a hit saves their run and the serialisation of their result (a context without middleware answers a hit with its stored text, as it is), where a real resolver would also save a database round trip.`,
    '',
    `| variant | ${cacheScenarios.map((s) => scenarioNames[s as keyof typeof scenarioNames] ?? s).join(' | ')} |`,
    `|---|${cacheScenarios.map(() => '---').join('|')}|`,
  )
  for (const variant of variants) {
    const cells = cacheScenarios.map((scenario) => {
      const value = median(cache.throughput[scenario]![variant]!)
      return variant === withoutCacheEvents ? `${value.toFixed(0)} req/s` : `${value.toFixed(0)} req/s (${fmt(value / uncached(scenario))}x)`
    })
    lines.push(`| ${cacheVariantNames[variant] ?? variant} | ${cells.join(' | ')} |`)
  }
  if (cache.redisSkipped) lines.push('', `The Redis cache was not measured: ${cache.redisSkipped}.`)
  return lines
}
