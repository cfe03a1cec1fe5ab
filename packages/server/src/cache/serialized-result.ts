/**
 * A cached result handed over as the JSON text of its serialised form, for an answer that only
 * writes it out again: decoding it into values and encoding them back would cost more than the
 * resolver it stands for. Only given where no code of the app sees the result (a context without
 * middleware, read over HTTP), so nobody can mistake it for the data.
 */
export class SerializedResult {
  /** `''` for a result with no JSON text (`undefined` under plain JSON). */
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}
