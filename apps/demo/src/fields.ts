import * as z from 'zod'

// The rules of the board's text fields, shared by the router and the plain form route: the
// messages users see next to a field come from here, through the server's validation issues.
export const projectName = z.string().trim().min(1, 'A project needs a name').max(60, 'Keep the name under 60 characters')
export const taskTitle = z.string().trim().min(1, 'Give the task a title').max(120, 'Keep the title under 120 characters')
