import { isAnswerStream, readAnswerStream, streamAccept } from './read-answer-stream.ts'
import type { AnswerStreamOptions } from './read-answer-stream.ts'

export interface StreamedAnswersOptions {
  /**
   * Characters one streamed answer (one line of the stream) may hold, default 16 Mi; a longer
   * one fails the reads still waiting with BAD_RESPONSE, as a bound on what a broken or hostile
   * stream can make the client buffer. Whole answers are not bounded this way.
   */
  readonly maxLineChars?: number | undefined
}

/** What `streamedAnswers()` returns, for `batch.stream`: how the read batcher asks for and reads a stream. */
export interface StreamedAnswers {
  /** The `accept` header of a bundle of two or more reads. */
  readonly accept: string
  /** Reads `response` when it is a streamed answer, handing over each item's answer; undefined when it is a whole one. */
  read(response: Response, options: Omit<AnswerStreamOptions, 'maxLineChars'>, onAnswer: (index: number, answer: unknown) => void): Promise<void> | undefined
}

/** Characters of one streamed answer the client buffers by default. */
const defaultMaxLineChars = 16 * 1024 * 1024

/**
 * Streamed bundle answers: a bundle of two or more reads asks the server to send each read's
 * answer as it settles, and each caller resolves as its own arrives, so one slow read no longer
 * holds the others. A single read is always answered whole (nothing to gain), and a server that
 * predates streaming answers the whole array, which the client reads all the same. A factory
 * rather than a flag, so that an app without it ships none of its code; without it every bundle
 * is answered whole.
 *
 * @example createClient<AppRouter>({ url: '/mizan', batch: { stream: streamedAnswers() } })
 */
export function streamedAnswers(options: StreamedAnswersOptions = {}): StreamedAnswers {
  const maxLineChars = options.maxLineChars || defaultMaxLineChars
  return {
    accept: streamAccept,
    read: (response, stream, onAnswer) => (isAnswerStream(response) ? readAnswerStream(response, { ...stream, maxLineChars }, onAnswer) : undefined),
  }
}
