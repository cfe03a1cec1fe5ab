/**
 * The id of the `<script type="application/json">` tag that carries a page's dehydrated React
 * Query state: the server writes it, the browser looks it up by this id before hydrating.
 */
export const ssrDataElementId = '__MIZAN_SSR_DATA__'
