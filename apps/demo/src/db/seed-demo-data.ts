import type Database from 'better-sqlite3'

const users = [
  [1, 'Ada Lovelace', '#7c3aed'],
  [2, 'Grace Hopper', '#0f766e'],
  [3, 'Alan Turing', '#c2410c'],
] as const

const projects: ReadonlyArray<readonly [number, string, ReadonlyArray<readonly [string, boolean]>]> = [
  [1, 'Website relaunch', [['Write the copy', true], ['Pick a typeface', false], ['Plan the redirects', false]]],
  [2, 'Mobile app', [['Sketch the onboarding', false], ['Set up push notifications', false]]],
  [3, 'Billing v2', [['Migrate invoices', false], ['Add VAT numbers', true]]],
  [4, 'Design system', [['Audit the buttons', true], ['Document spacing tokens', false]]],
  [5, 'Onboarding emails', [['Draft the welcome email', false]]],
  [6, 'Status page', [['Choose a provider', true], ['Wire up the health checks', false]]],
  [7, 'Apollo', [['Book the launch venue', false], ['Press kit', false], ['Dry run', false]]],
  [8, 'Support inbox', [['Triage labels', false]]],
]

/** The board a first start shows: three users, eight projects, a few tasks, some stars. */
export function seedDemoData(db: Database.Database): void {
  const addUser = db.prepare('INSERT INTO users (id, name, color) VALUES (?, ?, ?)')
  const addProject = db.prepare('INSERT INTO projects (id, name) VALUES (?, ?)')
  const addTask = db.prepare('INSERT INTO tasks (project_id, title, done) VALUES (?, ?, ?)')
  const addStar = db.prepare('INSERT INTO stars (user_id, project_id) VALUES (?, ?)')
  db.transaction(() => {
    for (const user of users) addUser.run(...user)
    for (const [id, name, tasks] of projects) {
      addProject.run(id, name)
      for (const [title, done] of tasks) addTask.run(id, title, done ? 1 : 0)
    }
    addStar.run(1, 1)
    addStar.run(2, 3)
  })()
}
