export { ssrDataElementId } from '../ssr-data-element-id.ts'
export { serializeSsrData } from './serialize-ssr-data.ts'
export { ssrDataScript } from './ssr-data-script.ts'
