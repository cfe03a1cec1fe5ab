import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { repositoryRoot } from './pack-packages.ts'
import { runCommand, runOrThrow } from './run-command.ts'

const tarballs = inject('tarballs')
const fixture = join(import.meta.dirname, 'fixture')
const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc')
// What a user brings beside Mizan, at the versions the workspace's lock file installed.
const peers = ['express', 'zod', 'superjson', 'react', 'react-dom', '@tanstack/react-query', '@types/express', '@types/react', '@types/react-dom']
const versionInWorkspace = (name: string) =>
  (JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

// The last TypeScript 5 release, checked beside the workspace's TypeScript 7.
const typescript5 = '5.9.3'

let dir: string

// A folder outside the workspace, so nothing resolves through the repository's node_modules.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mizan-consumer-'))
  cpSync(fixture, dir, { recursive: true })
  const dependencies = {
    '@mizan/server': `file:${tarballs.server}`,
    '@mizan/client': `file:${tarballs.client}`,
    '@mizan/react': `file:${tarballs.react}`,
    ...Object.fromEntries(peers.map((name) => [name, versionInWorkspace(name)])),
    'typescript-5': `npm:typescript@${typescript5}`,
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as object
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, dependencies }, null, 2))
  await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: dir })
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the installed packages, run with plain node', () => {
  it('serve a zod router from Express and answer the typed client, the directives included', async () => {
    const server = spawn(process.execPath, ['server.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const port = await new Promise<string>((resolve, reject) => {
        server.once('exit', (code) => reject(new Error(`server.mjs exited with ${code}`)))
        server.stdout.on('data', (chunk: Buffer) => {
          const found = /listening (\d+)/.exec(chunk.toString())?.[1]
          if (found) resolve(found)
        })
      })
      const { stdout } = await runOrThrow(process.execPath, ['client.mjs', `http://127.0.0.1:${port}/mizan`], { cwd: dir })
      const report = JSON.parse(stdout) as Record<string, unknown>
      expect(report).toEqual({
        list: [
          { id: 1, name: 'Apollo' },
          { id: 2, name: 'Gemini' },
        ],
        one: { id: 1, name: 'Apollo', seen: '1970-01-01T00:00:00.000Z', seenIsDate: true },
        renamed: { id: 1 },
        after: 'Artemis',
        flushed: [
          { kind: 'whole', context: 'projects', source: 'response' },
          { kind: 'exact', context: 'project', params: { id: 1 }, source: 'response' },
        ],
        streamed: [
          { kind: 'whole', context: 'projects', source: 'stream' },
          { kind: 'exact', context: 'project', params: { id: 1 }, source: 'stream' },
        ],
        badInput: { name: 'MizanClientError', code: 'BAD_REQUEST', status: 400, paths: [['name']] },
        html: '<h1>Artemis</h1>',
        ssr: { id: '__MIZAN_SSR_DATA__', name: 'Artemis', seenIsDate: true },
        rendered: { title: 'Artemis', seenIsDate: true },
      })
    } finally {
      server.kill('SIGTERM')
    }
  })

  it('load from CommonJS through require()', async () => {
    const { stdout } = await runOrThrow(process.execPath, ['require.cjs'], { cwd: dir })
    expect(JSON.parse(stdout)).toEqual({
      initMizan: 'object',
      stableKey: '{"a":2,"b":1}',
      mizanExpress: 'function',
      mizanFetch: 'function',
      mizanNode: 'function',
      redisCache: 'function',
      redisEvents: 'function',
      memoryEvents: 'function',
      forUser: 'function',
      createClient: 'function',
      liveEvents: 'function',
      csrfSession: 'function',
      streamedAnswers: 'function',
      createMizanReact: 'function',
      hydrateFromPage: 'function',
      createMizanServer: 'function',
      renderToStream: 'function',
      MizanDevtools: 'function',
    })
  })

  it('mark the provider modules "use client", and keep client-only React APIs out of every other module', () => {
    const dist = join(dir, 'node_modules', '@mizan', 'react', 'dist')
    const clientOnly = /import\s*\{[^}]*\b(use(State|Effect|LayoutEffect|Context|Ref|Reducer|SyncExternalStore)|createContext)\b[^}]*\}\s*from\s*['"]react['"]/
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(join(dist, file), 'utf8')
      if (code.startsWith("'use client'")) return
      expect(code, `${file} uses client-only React APIs without "use client"`).not.toMatch(clientOnly)
      for (const [, next] of code.matchAll(/from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) visit(join(dirname(file), next!))
    }
    visit('index.js')
    visit('server/index.js')
    visit('devtools/index.js')
    expect(readFileSync(join(dist, 'mizan-provider.js'), 'utf8')).toMatch(/^'use client'/)
    expect(readFileSync(join(dist, 'named-context-provider.js'), 'utf8')).toMatch(/^'use client'/)
    expect(seen).toContain('create-mizan-react.js')
  })
})

interface Diagnostic {
  readonly file: string
  readonly line: number
  readonly code: string
  readonly text: string
}

/** `tsc --pretty false` output as diagnostics, each with its continuation lines. */
function diagnosticsOf(output: string): Diagnostic[] {
  const found: Diagnostic[] = []
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line)
    if (match) found.push({ file: match[1]!, line: Number(match[2]), code: match[3]!, text: match[4]! })
    else if (line.startsWith(' ') && found.length > 0) {
      const last = found.pop()!
      found.push({ ...last, text: `${last.text}\n${line.trim()}` })
    }
  }
  return found
}

/** The `// expect-error: TSxxxx text` markers of the files that must not compile. */
function expectedErrors(): Diagnostic[] {
  // In tsc's order: by file name.
  return ['wrong-client-input.ts', 'wrong-target-is-mutation.ts', 'wrong-target-params.ts', 'wrong-target-result-on-failure.ts'].map((name) => {
    const lines = readFileSync(join(fixture, 'src', name), 'utf8').split('\n')
    const index = lines.findIndex((line) => line.includes('// expect-error:'))
    const [, code, text] = /\/\/ expect-error: (TS\d+) (.*)$/.exec(lines[index]!)!
    return { file: `src/${name}`, line: index + 1, code: code!, text: text! }
  })
}

// TypeScript 7 (this repository's compiler) and the last 5.x: the oldest line users are likely on.
// 5.9 is installed in the consumer folder only: beside 7 in the workspace, its `tsc` bin would
// take the place of 7's for every npm script.
const compilers = [
  ['TypeScript 7', () => tsc],
  ['TypeScript 5.9', () => join(dir, 'node_modules', 'typescript-5', 'bin', 'tsc')],
] as const
const resolutions = [
  ['nodenext', 'tsconfig.json'],
  ['bundler', 'tsconfig.bundler.json'],
] as const

describe.each(compilers.flatMap(([compiler, bin]) => resolutions.map(([resolution, config]) => [compiler, resolution, bin, config] as const)))(
  'a TypeScript project using the installed packages (%s, moduleResolution %s)',
  (_compiler, _resolution, bin, config) => {
    // Strict flags and skipLibCheck off: Mizan's declarations are checked under them too.
    it('type-checks its server, client and React files, and rejects exactly the wrong calls, each for its own reason', async () => {
      const result = await runCommand(process.execPath, [bin(), '-p', config, '--pretty', 'false'], { cwd: dir })
      const diagnostics = diagnosticsOf(result.stdout + result.stderr)
      const expected = expectedErrors()
      expect(diagnostics.map(({ file, line, code }) => ({ file, line, code }))).toEqual(expected.map(({ file, line, code }) => ({ file, line, code })))
      for (const [index, diagnostic] of diagnostics.entries()) expect(diagnostic.text).toContain(expected[index]!.text)
    })
  },
)

describe('the client types', () => {
  const filesOf = async (config: string) => {
    const { stdout } = await runOrThrow(process.execPath, [tsc, '-p', config, '--listFilesOnly'], { cwd: dir })
    return stdout.split('\n')
  }

  it('compile for a browser without @types/node', async () => {
    await runOrThrow(process.execPath, [tsc, '-p', 'tsconfig.browser.json', '--pretty', 'false'], { cwd: dir })
    const files = await filesOf('tsconfig.browser.json')
    expect(files.some((file) => file.includes('/@mizan/client/dist/'))).toBe(true)
    expect(files.filter((file) => file.includes('@types/node'))).toEqual([])
  })

  it('are told apart from server code that needs Node (the check above can fail)', async () => {
    const files = await filesOf('tsconfig.json')
    expect(files.some((file) => file.includes('/@types/node/'))).toBe(true)
  })
})
