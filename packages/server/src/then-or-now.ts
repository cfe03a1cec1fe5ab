import type { MaybePromise } from './procedure.ts'

/**
 * `then` applied to a value now, or once its promise settles: the steps that stay synchronous for
 * synchronous values (a busy server pays for every promise) chain through this.
 */
export function thenOrNow<T, R>(value: MaybePromise<T>, then: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(then) : then(value)
}
