import { execFile } from 'node:child_process'

export interface CommandResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a program to its end and gives its exit code and output; never rejects on a non-zero exit. */
export function runCommand(file: string, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** The same, failing with the whole output when the program does not exit with 0. */
export async function runOrThrow(file: string, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<CommandResult> {
  const result = await runCommand(file, args, options)
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`)
  }
  return result
}
