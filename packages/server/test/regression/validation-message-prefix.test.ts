import { describe, expect, it } from 'vitest'
import { fetchTransport } from '../http/transports.ts'
import { mutate } from '../http/wire-helpers.ts'

// Bug: a validation issue without a path read "Invalid input: Invalid input: expected object"
// (zod's own message starts with the words Mizan put before it).

describe('validation messages', () => {
  it('says "Invalid input" once for an issue without a path (zod), on the wire', async () => {
    const t = await fetchTransport()
    const answer = await mutate(t, 'renameProject', 'not an object')
    expect(answer.status).toBe(400)
    const { error } = (await answer.json()) as { error: { message: string; issues: { path: unknown[]; message: string }[] } }
    expect(error.message).toBe('Invalid input: expected object, received string')
    // The issues keep the schema's own messages.
    expect(error.issues).toEqual([{ path: [], message: 'Invalid input: expected object, received string' }])
  })

  it('says it once for issues with paths too', async () => {
    const t = await fetchTransport()
    const answer = await mutate(t, 'renameProject', { id: 'x', name: '' })
    const { error } = (await answer.json()) as { error: { message: string } }
    expect(error.message).not.toMatch(/Invalid input.*Invalid input/)
    expect(error.message).toMatch(/^Invalid input: id: expected number, received string; name: /)
  })

})
