import { badResponse } from './client-error.ts'

/**
 * The lines of a streamed body as they arrive, without their `\n`. Every byte is untrusted: the
 * text must be UTF-8, and a line (complete or still arriving) longer than `maxChars` throws
 * BAD_RESPONSE rather than growing the buffer without end. Text after the last `\n` is not a line
 * (the stream was cut): it is dropped, and the caller sees the lines it is missing. Stopping
 * early (break, throw) cancels the body, and so does `signal`: not every fetch (polyfills, mocks)
 * ends a body when its request is aborted.
 */
export async function* readLines(response: Response, maxChars: number, path: string, signal: AbortSignal): AsyncGenerator<string> {
  const split = lineSplitter(maxChars, path)
  // No stream API (some older runtimes): the same lines, once the body is in.
  if (!response.body) {
    yield* split(await response.text())
    return
  }
  const reader = response.body.getReader()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const onAbort = () => void reader.cancel(signal.reason).catch(() => {})
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (signal.aborted) throw signal.reason
      if (done) return
      let text: string
      try {
        text = decoder.decode(value, { stream: true })
      } catch {
        throw badResponse(path, response.status, 'the stream is not UTF-8')
      }
      yield* split(text)
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Cancelling a finished body does nothing; an unfinished one is closed, ending its request.
    void reader.cancel().catch(() => {})
  }
}

/**
 * Splits text arriving in pieces into lines. A line's pieces are kept apart until its `\n`
 * arrives and joined once, so a long line costs linear time however finely it is chunked.
 */
function lineSplitter(maxChars: number, path: string): (text: string) => string[] {
  let partial: string[] = []
  let partialChars = 0
  return (text) => {
    const lines: string[] = []
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (partialChars + end - start > maxChars) throw tooLong(path, maxChars)
      const piece = text.slice(start, end)
      lines.push(partial.length === 0 ? piece : partial.join('') + piece)
      partial = []
      partialChars = 0
      start = end + 1
    }
    if (start < text.length) {
      partial.push(text.slice(start))
      partialChars += text.length - start
      if (partialChars > maxChars) throw tooLong(path, maxChars)
    }
    return lines
  }
}

function tooLong(path: string, maxChars: number) {
  return badResponse(path, 200, `a streamed line is longer than ${maxChars} characters`)
}
