// `process.env.NODE_ENV` is replaced by bundlers, so production builds drop the warning; the
// try keeps a browser without a bundler (no `process`) from failing the caller instead.
declare const process: { readonly env: { readonly NODE_ENV?: string | undefined } }

/** `console.warn` of `[mizan] message`, outside production builds only. */
export function warnInDevelopment(message: string, ...shown: unknown[]): void {
  try {
    if (process.env.NODE_ENV !== 'production') console.warn(`[mizan] ${message}`, ...shown)
  } catch {
    // No `process` here: say nothing rather than fail.
  }
}
