import type { InvalidationDirective, ValidationIssue } from '@mizan/server'
import { escapeHtml } from './html.ts'
import type { ProjectRow } from './db.ts'

export interface ProcedureRow {
  readonly path: string
  readonly kind: 'context' | 'mutation'
  readonly takesInput: boolean
  readonly scope: string
}

export type TryResult =
  | { readonly ok: true; readonly data: unknown; readonly invalidate: readonly InvalidationDirective[] }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly issues: readonly ValidationIssue[] }

export interface PageModel {
  readonly procedures: readonly ProcedureRow[]
  readonly projects: readonly ProjectRow[]
  readonly form: { readonly id: string; readonly name: string }
  readonly result?: TryResult | undefined
  /** The hidden CSRF field of the form (trusted HTML from the server's `csrfField`). */
  readonly csrfField: string
}

/** The demo's page: the router's procedures, its data, and a write showing what it invalidates. */
export function renderPage(model: PageModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mizan demo</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d232b; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #dde2e8; }
  code, pre { background: #f2f4f7; border-radius: 4px; padding: .1rem .3rem; } pre { padding: .7rem; overflow-x: auto; }
  .error { color: #a01c1c; }
</style>
</head>
<body>
<h1>Mizan demo</h1>
<p>A typed router whose writes say what they change. Below: every procedure of this app's router,
then a React app on React Query that reads and writes through it. Each write's answer names what it
invalidated, and exactly those queries refetch; no component says what to refetch.</p>

<h2>Procedures</h2>
<table id="procedures">
<tr><th>Path</th><th>Kind</th><th>Input</th><th>Cache scope</th></tr>
${model.procedures.map(procedureRow).join('\n')}
</table>

<p>The router is served at <code>/mizan</code>: reads travel as bundles, e.g.
<a id="bundle-link" href="/mizan/q?items=${encodeURIComponent('[["projects"],["project",{"json":{"id":1}}]]')}">two reads in one request</a>.</p>

<div id="live">
<h2>Projects</h2>
<ul id="projects">
${model.projects.map((project) => `<li>#${project.id} ${escapeHtml(project.name)}</li>`).join('\n')}
</ul>

<h2>Try a write: <code>renameProject</code></h2>
<p>Without scripts, this form posts to the server, which runs the same mutation through its
caller. With scripts on, this part of the page is a React app using React Query and Mizan's bridge.</p>
<form method="post" action="/try/rename" id="rename-form">
  ${model.csrfField}
  <label>Project id <input name="id" value="${escapeHtml(model.form.id)}" size="4"></label>
  <label>New name <input name="name" value="${escapeHtml(model.form.name)}"></label>
  <button type="submit">Rename</button>
</form>
<p id="rename-status"></p>
${model.result ? renderResult(model.result) : ''}
</div>
<script type="module" src="/app.js"></script>
</body>
</html>
`
}

function procedureRow(row: ProcedureRow): string {
  return `<tr><td><code>${escapeHtml(row.path)}</code></td><td>${row.kind}</td><td>${row.takesInput ? 'yes' : 'none'}</td><td>${row.kind === 'context' ? escapeHtml(row.scope) : ''}</td></tr>`
}

function renderResult(result: TryResult): string {
  if (result.ok) {
    return `<h3>Invalidated by this write</h3>
<pre id="directives">${escapeHtml(JSON.stringify(result.invalidate, null, 2))}</pre>
<p>Data returned: <code>${escapeHtml(JSON.stringify(result.data))}</code></p>`
  }
  const issues = result.issues.map((issue) => `<li>${escapeHtml(issue.path.join('.') || '(input)')}: ${escapeHtml(issue.message)}</li>`)
  return `<div class="error" id="error"><p><strong>${escapeHtml(result.code)}</strong>: ${escapeHtml(result.message)}</p>
${issues.length ? `<ul>${issues.join('')}</ul>` : ''}</div>`
}
