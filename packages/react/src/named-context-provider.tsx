'use client'

import { useQuery } from '@tanstack/react-query'
import type { UseQueryOptions } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'

const missing = Symbol('outside the provider')

/**
 * A component that loads one context for its subtree, and the hook that reads it below. The
 * data comes from React Query's cache: when it is there and fresh (within `staleTime`, as data
 * the server just rendered is), the provider shows it and does not fetch on mount; older data is
 * shown while it refetches. Invalidations keep it current afterwards.
 */
export function createNamedProvider<TData>(
  name: string,
  optionsOf: (params: unknown) => UseQueryOptions<TData, unknown, TData, readonly unknown[]>,
) {
  const DataContext = createContext<TData | typeof missing>(missing)
  DataContext.displayName = `Mizan(${name})`

  function Provider({ params, fallback = null, children }: { params?: unknown; fallback?: ReactNode; children?: ReactNode }) {
    const query = useQuery(optionsOf(params))
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
