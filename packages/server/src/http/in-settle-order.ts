/**
 * Yields the values of `promises` as they settle, each as `[position, value]`; the ones that
 * settled together come out as one batch, so a writer can send them in one chunk. Rejections
 * become `onRejected(error)`. The handlers are attached here, not when reading starts: a
 * rejection is then never unhandled, even if nobody reads (the client went away first).
 */
export function inSettleOrder<T>(
  promises: readonly Promise<T>[],
  onRejected: (error: unknown) => T,
): AsyncGenerator<ReadonlyArray<readonly [number, T]>> {
  let ready: Array<readonly [number, T]> = []
  let wake: (() => void) | undefined
  promises.forEach((promise, position) => {
    const settle = (value: T) => {
      ready.push([position, value])
      wake?.()
    }
    promise.then(settle, (error: unknown) => settle(onRejected(error)))
  })
  return (async function* () {
    for (let sent = 0; sent < promises.length; ) {
      if (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
      const batch = ready
      ready = []
      sent += batch.length
      yield batch
    }
  })()
}
