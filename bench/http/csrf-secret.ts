/** The environment variable through which the bench hands its CSRF secret to the Mizan server processes it starts. */
export const csrfSecretEnv = 'MIZAN_BENCH_CSRF_SECRET'

/** In a server process: the secret of the bench run that started it (see `startBenchServer`). */
export function csrfSecretFromEnv(): string {
  const secret = process.env[csrfSecretEnv]
  if (!secret) throw new Error(`${csrfSecretEnv} is not set: Mizan's bench servers check CSRF tokens with the secret of the bench run that starts them`)
  return secret
}
