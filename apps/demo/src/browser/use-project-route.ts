import { useCallback, useEffect, useState } from 'react'

/** The project in the URL (`/projects/7`); `open` navigates without a page load. */
export function useProjectRoute(initial: number): readonly [number, (projectId: number) => void] {
  const [projectId, setProjectId] = useState(initial)
  useEffect(() => {
    const onPop = () => setProjectId(projectIdOf(location.pathname) ?? initial)
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [initial])
  const open = useCallback((next: number) => {
    history.pushState(null, '', `/projects/${next}`)
    setProjectId(next)
  }, [])
  return [projectId, open]
}

export function projectIdOf(pathname: string): number | undefined {
  const match = /^\/projects\/(\d+)\/?$/.exec(pathname)
  return match ? Number(match[1]) : undefined
}
