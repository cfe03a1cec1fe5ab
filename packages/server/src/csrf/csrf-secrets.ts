import type { CsrfOptions, CsrfSecret } from './csrf-options.ts'

const minSecretBytes = 32

// One per process, so that every handler of the process (an Express and a Fetch one, say)
// accepts the tokens of the others.
let processSecret: Uint8Array | undefined

/**
 * The secrets as bytes, the signing one first. Without one: a random secret for this process,
 * with one warning (none under `NODE_ENV=test`), or, in production, an error at startup, since
 * a secret of one process breaks every deployment of more than one and every restart.
 */
export function csrfSecrets(secret: CsrfOptions['secret']): readonly Uint8Array[] {
  if (secret === undefined) return [ownSecret()]
  const list: readonly CsrfSecret[] = typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : secret
  if (list.length === 0) throw new Error('[mizan] csrf.secret is an empty list: give at least one secret (the first signs new tokens)')
  return list.map(toBytes)
}

function toBytes(secret: CsrfSecret): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  if (bytes.byteLength < minSecretBytes) {
    throw new Error(
      `[mizan] csrf.secret has ${bytes.byteLength} bytes; it needs at least ${minSecretBytes} (e.g. the output of \`openssl rand -base64 32\`) so that tokens cannot be forged by guessing it`,
    )
  }
  return bytes
}

function ownSecret(): Uint8Array {
  if (nodeEnv() === 'production') {
    throw new Error(
      '[mizan] The CSRF check needs a secret in production: give every instance the same one, ' +
        'e.g. mizanExpress({ ..., csrf: { secret: process.env.MIZAN_CSRF_SECRET } }), ' +
        'or switch the check off explicitly with csrf: false (only for an API no browser calls with cookies)',
    )
  }
  if (!processSecret) {
    processSecret = crypto.getRandomValues(new Uint8Array(minSecretBytes))
    if (nodeEnv() !== 'test') {
      console.warn(
        '[mizan] No CSRF secret given: this process signs CSRF tokens with a random secret of its own, ' +
          'so another instance (or this one after a restart) refuses them. Give every instance one secret: ' +
          'csrf: { secret: process.env.MIZAN_CSRF_SECRET }',
      )
    }
  }
  return processSecret
}

// `process` is absent on some runtimes the Fetch adapter serves (workers): no environment there.
function nodeEnv(): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env['NODE_ENV']
}
