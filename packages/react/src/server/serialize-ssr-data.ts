import type { DehydratedState } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'

// `<`, `>` and `&` never occur in JSON outside strings, and U+2028/U+2029 are not JSON whitespace,
// so every match is inside a string literal, where its \u escape decodes to the very same text.
const unsafeInHtml = /[<>&\u2028\u2029]/g

const escapes: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/**
 * The dehydrated state as JSON text in the transformer's form (superjson keeps Dates, Maps and
 * undefined), safe to place inside `<script type="application/json">`. Data may hold anything a
 * user typed: an unescaped `</script>` would end the tag and let markup run, and `<!--` can make
 * the HTML parser swallow the rest of the page. `&` is escaped too, in case the text lands in
 * markup parsed differently (XHTML); U+2028/U+2029 broke JavaScript string literals before ES2019,
 * so the text stays safe if someone evaluates it as a script. `JSON.parse` of the result gives
 * exactly the transformer's JSON form back.
 */
export function serializeSsrData(state: DehydratedState, transformer: Transformer): string {
  // JSON.stringify answers undefined (despite its type) for a value it cannot write, such as a
  // transformer returning undefined or a function.
  const json = JSON.stringify(transformer.serialize(state)) as string | undefined
  if (json === undefined) throw new Error('Mizan SSR data: the transformer produced no JSON value')
  return json.replace(unsafeInHtml, (char) => escapes[char] ?? char)
}
