/** A demo user: there is no real sign-in, a cookie names one of these. */
export interface UserRow {
  readonly id: number
  readonly name: string
  /** A CSS colour for the avatar, so two users side by side are told apart at a glance. */
  readonly color: string
}

/** A project as the board's sidebar lists it. */
export interface ProjectSummary {
  readonly id: number
  readonly name: string
  readonly openTasks: number
}

export interface TaskRow {
  readonly id: number
  readonly title: string
  readonly done: boolean
}

/** One project with its tasks, as the board's main column shows it. */
export interface ProjectDetail {
  readonly id: number
  readonly name: string
  readonly tasks: readonly TaskRow[]
}
