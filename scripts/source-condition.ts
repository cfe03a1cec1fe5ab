import { defaultClientConditions, defaultServerConditions } from 'vite'

/**
 * The export condition under which Mizan's packages resolve to their TypeScript source. Tests,
 * the demo and tsx use it, so nothing in the development loop needs a prior build; published
 * consumers never set it and get `dist/`.
 */
export const sourceCondition = '@mizan/source'

/** Vite/Vitest resolve options that prefer the source, for DOM and Node environments alike. */
export const sourceResolve = {
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions], externalConditions: [sourceCondition] } },
}
