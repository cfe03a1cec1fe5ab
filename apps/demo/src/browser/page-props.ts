import type { UserRow } from '../db/rows.ts'

/** What a page needs beyond Mizan's data: the same on the server and when it hydrates. */
export interface PageProps {
  /** Who the page is for; their profile itself is the `me` context. */
  readonly userId: number
  /** The users the switcher offers. */
  readonly users: readonly UserRow[]
  readonly projectId: number
  /** The hidden CSRF field of the page's plain forms (trusted HTML from `mizan.csrfField`). */
  readonly csrfField: string
  /** Why the last plain "new project" post was refused, if it was. */
  readonly newProjectError: string | undefined
  /** Whether the Mizan Devtools panel loads (development, or `?devtools`). */
  readonly devtools: boolean
  /** Whether the panel starts open (`?devtools`) rather than as a button in the corner. */
  readonly devtoolsOpen: boolean
}

const globalName = '__MIZAN_DEMO_PAGE__'

/**
 * The inline script that hands the page's props to the browser bundle. `<` is escaped so that no
 * value can close the script element.
 */
export function pagePropsScript(props: PageProps): string {
  const json = JSON.stringify(props).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `window.${globalName}=${json}`
}

export function readPageProps(): PageProps {
  return (window as unknown as Record<string, PageProps>)[globalName]!
}
