import { csrfFormField } from '../protocol/wire.ts'

/**
 * The hidden input that carries a token in a form posted without JavaScript. A token holds only
 * base64url characters and a dot: nothing in it needs escaping.
 */
export function csrfFieldHtml(token: string): string {
  return `<input type="hidden" name="${csrfFormField}" value="${token}">`
}
