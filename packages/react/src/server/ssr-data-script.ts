import type { DehydratedState } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'
import { ssrDataElementId } from '../ssr-data-element-id.ts'
import { serializeSsrData } from './serialize-ssr-data.ts'

/**
 * The whole `<script id="__MIZAN_SSR_DATA__" type="application/json">` tag for a page, ready to
 * write into the HTML after the rendered markup. A JSON data block is never executed, so it needs
 * no CSP nonce.
 */
export function ssrDataScript(state: DehydratedState, transformer: Transformer): string {
  return `<script id="${ssrDataElementId}" type="application/json">${serializeSsrData(state, transformer)}</script>`
}
