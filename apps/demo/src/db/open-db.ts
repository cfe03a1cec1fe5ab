import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ProjectDetail, ProjectSummary, TaskRow, UserRow } from './rows.ts'
import { seedDemoData } from './seed-demo-data.ts'

// Bumped whenever the tables below change.
const schemaVersion = 2

/**
 * The demo's data: a real SQLite file, created and seeded on first start. Several processes may
 * open the same file (the cluster's two instances): WAL lets them read while one writes.
 */
export function openDb(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // Two instances starting at once both create and seed: wait for the other's lock, not fail.
  db.pragma('busy_timeout = 5000')
  db.transaction(() => {
    // A file from an older demo (another schema) holds only demo data: start it afresh.
    if (db.pragma('user_version', { simple: true }) !== schemaVersion) {
      db.exec('DROP TABLE IF EXISTS stars; DROP TABLE IF EXISTS tasks; DROP TABLE IF EXISTS projects; DROP TABLE IF EXISTS users;')
      db.pragma(`user_version = ${schemaVersion}`)
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS tasks (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        title TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS stars (
        user_id INTEGER NOT NULL REFERENCES users(id),
        project_id INTEGER NOT NULL REFERENCES projects(id),
        PRIMARY KEY (user_id, project_id)
      );
    `)
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }
    if (n === 0) seedDemoData(db)
  }).immediate()

  const sql = {
    user: db.prepare('SELECT id, name, color FROM users WHERE id = ?'),
    users: db.prepare('SELECT id, name, color FROM users ORDER BY id'),
    projects: db.prepare(
      'SELECT p.id, p.name, COUNT(t.id) FILTER (WHERE t.done = 0) AS openTasks FROM projects p LEFT JOIN tasks t ON t.project_id = p.id GROUP BY p.id ORDER BY p.id',
    ),
    project: db.prepare('SELECT id, name FROM projects WHERE id = ?'),
    tasks: db.prepare('SELECT id, title, done FROM tasks WHERE project_id = ? ORDER BY id'),
    taskProject: db.prepare('SELECT project_id AS projectId FROM tasks WHERE id = ?'),
    rename: db.prepare('UPDATE projects SET name = ? WHERE id = ?'),
    addProject: db.prepare('INSERT INTO projects (name) VALUES (?)'),
    addTask: db.prepare('INSERT INTO tasks (project_id, title) VALUES (?, ?)'),
    setDone: db.prepare('UPDATE tasks SET done = ? WHERE id = ?'),
    moveTask: db.prepare('UPDATE tasks SET project_id = ? WHERE id = ?'),
    starred: db.prepare('SELECT project_id AS id FROM stars WHERE user_id = ? ORDER BY project_id'),
    star: db.prepare('INSERT OR IGNORE INTO stars (user_id, project_id) VALUES (?, ?)'),
    unstar: db.prepare('DELETE FROM stars WHERE user_id = ? AND project_id = ?'),
  }

  const projectOfTask = (taskId: number) => (sql.taskProject.get(taskId) as { projectId: number } | undefined)?.projectId

  return {
    user: (id: number) => sql.user.get(id) as UserRow | undefined,
    users: () => sql.users.all() as UserRow[],
    projects: () => sql.projects.all() as ProjectSummary[],
    project: (id: number): ProjectDetail | undefined => {
      const row = sql.project.get(id) as { id: number; name: string } | undefined
      if (!row) return undefined
      const tasks = (sql.tasks.all(id) as Array<Omit<TaskRow, 'done'> & { done: number }>).map((task) => ({ ...task, done: task.done === 1 }))
      return { ...row, tasks }
    },
    projectOfTask,
    rename: (id: number, name: string) => sql.rename.run(name, id).changes > 0,
    addProject: (name: string) => Number(sql.addProject.run(name).lastInsertRowid),
    addTask: (projectId: number, title: string) => Number(sql.addTask.run(projectId, title).lastInsertRowid),
    setDone: (taskId: number, done: boolean) => sql.setDone.run(done ? 1 : 0, taskId).changes > 0,
    /** Moves a task to another project; returns the project it left, or undefined for no such task. */
    moveTask: (taskId: number, projectId: number): number | undefined =>
      db.transaction(() => {
        const from = projectOfTask(taskId)
        if (from !== undefined) sql.moveTask.run(projectId, taskId)
        return from
      })(),
    starred: (userId: number) => (sql.starred.all(userId) as Array<{ id: number }>).map((row) => row.id),
    setStar: (userId: number, projectId: number, starred: boolean) => {
      ;(starred ? sql.star : sql.unstar).run(userId, projectId)
    },
    close: (): void => {
      db.close()
    },
  }
}

export type Db = ReturnType<typeof openDb>
