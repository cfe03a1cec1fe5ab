/** What a transport reports about the one connection it opened. */
export interface TransportHandlers {
  /** The stream is up. */
  open(): void
  /** The data of one `invalidate` event. */
  event(data: string): void
  /**
   * The connection ended or never came up; the transport has closed it. `status` is the HTTP
   * status of a refusal when the transport can see it; `refused` says the server answered with
   * something that is not an event stream (so retrying at once cannot help).
   */
  fail(status: number | undefined, refused: boolean): void
}

/**
 * Opens one connection to an event stream and reports on it until it fails or is closed; returns
 * the close, after which it reports nothing more.
 */
export type EventTransport = (url: string, handlers: TransportHandlers) => () => void
