import { bundleStreamType } from '@mizan/server/protocol'
import { badResponse, MizanClientError } from './client-error.ts'
import { networkError } from './read-json.ts'
import { readLines } from './read-lines.ts'

/** What asking for a streamed bundle sends: JSON stays acceptable, for servers that predate streams. */
export const streamAccept = `${bundleStreamType}, application/json`

/** True for a streamed bundle answer; anything else is read as before (a whole JSON answer). */
export function isAnswerStream(response: Response): boolean {
  const type = (response.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
  return response.status === 200 && type === bundleStreamType
}

export interface AnswerStreamOptions {
  /** Items in the bundle: each index below it must be answered exactly once. */
  readonly count: number
  readonly maxLineChars: number
  /** The path errors name (the caller gives each item its own). */
  readonly path: string
  /** The request's signal: a read that fails because of it rejects with its reason. */
  readonly signal: AbortSignal
}

/**
 * Reads a streamed bundle answer (one `[index, answer]` JSON line per item, see
 * `StreamedAnswer`), handing each answer over as its line arrives; the answer itself is checked
 * by the caller, so a bad one fails only its item. Rejects with BAD_RESPONSE at the first line
 * that is not one (a broken stream cannot be trusted further), and with NETWORK when the stream
 * ends or breaks before every item is answered; the items already handed over stay answered.
 */
export async function readAnswerStream(response: Response, options: AnswerStreamOptions, onAnswer: (index: number, answer: unknown) => void): Promise<void> {
  const { count, path } = options
  const answered = new Array<boolean>(count).fill(false)
  let answers = 0
  try {
    // Read to the end even once all are answered, so the connection can be reused.
    for await (const line of readLines(response, options.maxLineChars, path, options.signal)) {
      const [index, answer] = parseLine(line, answered, path)
      answered[index] = true
      answers++
      onAnswer(index, answer)
    }
  } catch (error) {
    if (error instanceof MizanClientError) throw error
    throw networkError(error, path, options.signal)
  }
  if (answers < count) {
    throw new MizanClientError({ code: 'NETWORK', message: `The server's streamed answer ended after ${answers} of ${count} answers`, status: response.status, path })
  }
}

// One reason for every way a line can be wrong: which one it was helps nobody downstream.
function parseLine(line: string, answered: readonly boolean[], path: string): readonly [number, unknown] {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {}
  const index: unknown = Array.isArray(value) && value.length === 2 ? value[0] : undefined
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= answered.length || answered[index]) {
    throw badResponse(path, 200, 'a streamed line is not [index, answer] of an unanswered item')
  }
  return [index, (value as unknown[])[1]]
}
