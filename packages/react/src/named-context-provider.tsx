'use client'

import { useQuery } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import type { ContextHelpers, ContextProviderKit } from './react-types.ts'

const missing = Symbol('outside the provider')

/**
 * A component that loads one context for its subtree, and the hook that reads it below. The
 * data comes from React Query's cache: when it is there and fresh (within `staleTime`, as data
 * the server just rendered is), the provider shows it and does not fetch on mount; older data is
 * shown while it refetches. Invalidations keep it current afterwards. A function of its own, not
 * a helper of every context, so apps without named providers do not ship it.
 *
 * @example
 * const ProjectData = createNamedProvider(mizan.project)
 * <ProjectData.Provider params={{ id: 7 }} fallback={<Spinner />}><Title /></ProjectData.Provider>
 */
export function createNamedProvider<TInput, TData>(context: ContextHelpers<TInput, TData>): ContextProviderKit<TInput, TData> {
  // The key of every instance is `['mizan', path]`: the context's path names the provider.
  const name = context.queryKey()[1]
  const DataContext = createContext<TData | typeof missing>(missing)
  DataContext.displayName = `Mizan(${name})`

  function Provider({ params, fallback = null, children }: { params?: unknown; fallback?: ReactNode; children?: ReactNode }) {
    const query = useQuery(context.queryOptions(params as TInput))
    if (query.error && query.data === undefined) throw query.error
    if (query.data === undefined) return <>{fallback}</>
    return <DataContext.Provider value={query.data}>{children}</DataContext.Provider>
  }
  Provider.displayName = `${name}Provider`

  function useData(): TData {
    const data = useContext(DataContext)
    if (data === missing) throw new Error(`use the data of "${name}" inside its Provider`)
    return data
  }

  return { Provider, useData }
}
