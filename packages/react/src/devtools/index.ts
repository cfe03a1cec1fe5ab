export { MizanDevtools } from './mizan-devtools.tsx'
export type { MizanDevtoolsProps } from './mizan-devtools.tsx'
export type { DevtoolsPosition } from './devtools-styles.ts'
export type { InvalidationMap } from '@mizan/server/protocol'
