/**
 * The hidden CSRF input of a plain form, as the server's `mizan.csrfField` wrote it. The same
 * string reaches the browser in the page's props, so hydration finds what the server rendered.
 */
export function CsrfField({ html }: { readonly html: string }) {
  return <span hidden dangerouslySetInnerHTML={{ __html: html }} />
}
