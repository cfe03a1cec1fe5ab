import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface ProjectRow {
  readonly id: number
  readonly name: string
}

export interface TaskRow {
  readonly id: number
  readonly projectId: number
  readonly title: string
  readonly done: boolean
}

/** The demo's data: a real SQLite file, created and seeded on first start. */
export function openDb(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS tasks (
      id INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL REFERENCES projects(id),
      title TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0
    );
  `)
  const count = db.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }
  if (count.n === 0) seed(db)

  const statements = {
    projects: db.prepare('SELECT id, name FROM projects ORDER BY id'),
    project: db.prepare('SELECT id, name FROM projects WHERE id = ?'),
    tasks: db.prepare('SELECT id, project_id AS projectId, title, done FROM tasks WHERE project_id = ? ORDER BY id'),
    rename: db.prepare('UPDATE projects SET name = ? WHERE id = ?'),
    addTask: db.prepare('INSERT INTO tasks (project_id, title) VALUES (?, ?)'),
  }
  const toTask = (row: TaskRow & { done: number | boolean }): TaskRow => ({ ...row, done: Boolean(row.done) })

  return {
    projects: () => statements.projects.all() as ProjectRow[],
    project: (id: number) => statements.project.get(id) as ProjectRow | undefined,
    tasks: (projectId: number) => (statements.tasks.all(projectId) as Array<TaskRow & { done: number }>).map(toTask),
    rename: (id: number, name: string) => statements.rename.run(name, id).changes > 0,
    addTask: (projectId: number, title: string) => Number(statements.addTask.run(projectId, title).lastInsertRowid),
    close: (): void => {
      db.close()
    },
  }
}

export type Db = ReturnType<typeof openDb>

function seed(db: Database.Database): void {
  const addProject = db.prepare('INSERT INTO projects (id, name) VALUES (?, ?)')
  const addTask = db.prepare('INSERT INTO tasks (project_id, title, done) VALUES (?, ?, ?)')
  db.transaction(() => {
    addProject.run(1, 'Website relaunch')
    addProject.run(2, 'Mobile app')
    addTask.run(1, 'Write the copy', 1)
    addTask.run(1, 'Pick a typeface', 0)
    addTask.run(2, 'Sketch the onboarding', 0)
  })()
}
