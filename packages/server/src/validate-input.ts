import type { StandardSchemaV1 } from '@standard-schema/spec'
import { MizanError } from './error.ts'
import type { ValidationIssue } from './protocol/error-codes.ts'
import { thenOrNow } from './then-or-now.ts'

/**
 * Validates a value with any Standard Schema (zod, valibot, arktype...) and returns the parsed
 * output; a failure becomes a BAD_REQUEST listing every issue's path and message.
 */
export function validateInput(schema: StandardSchemaV1, value: unknown): unknown {
  const result = schema['~standard'].validate(value)
  // Most schemas validate synchronously: only wait when the schema really is asynchronous.
  return thenOrNow(result, unwrap)
}

function unwrap(result: StandardSchemaV1.Result<unknown>): unknown {
  if (!result.issues) return result.value
  const issues = result.issues.map(toIssue)
  throw new MizanError({ code: 'BAD_REQUEST', message: describe(issues), issues })
}

function toIssue(issue: StandardSchemaV1.Issue): ValidationIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' ? segment.key : segment
    return typeof key === 'number' ? key : String(key)
  })
  return { path, message: issue.message }
}

// One line for all issues: "Invalid input: id: expected number, received string; name: ...".
// Some libraries start their own messages with "Invalid input" (zod: "Invalid input: expected
// object, received string"): said once, not once per issue. The issues keep their messages whole.
function describe(issues: readonly ValidationIssue[]): string {
  const parts = issues.map((issue) => {
    const message = issue.message.replace(/^invalid input\b:?\s*/i, '')
    const where = issue.path.join('.')
    return where && message ? `${where}: ${message}` : where || message
  })
  const said = parts.filter((part) => part !== '')
  return said.length ? `Invalid input: ${said.join('; ')}` : 'Invalid input'
}
