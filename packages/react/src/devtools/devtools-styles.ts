import type { CSSProperties } from 'react'

// Inline styles only: the panel must look the same in any app, whatever CSS it loads.
export const colors = {
  background: '#0f172a',
  panel: '#111827',
  text: '#e5e7eb',
  muted: '#94a3b8',
  accent: '#38bdf8',
  refetched: '#4ade80',
  stale: '#fbbf24',
  warning: '#f87171',
  line: '#334155',
} as const

export const panelStyle: CSSProperties = {
  position: 'fixed',
  zIndex: 2_147_483_000,
  width: 440,
  maxWidth: 'calc(100vw - 24px)',
  maxHeight: '60vh',
  overflow: 'auto',
  background: colors.panel,
  color: colors.text,
  border: `1px solid ${colors.line}`,
  borderRadius: 8,
  boxShadow: '0 8px 24px rgba(0, 0, 0, 0.35)',
  font: '12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
}

export const buttonStyle: CSSProperties = {
  position: 'fixed',
  zIndex: 2_147_483_000,
  padding: '6px 10px',
  background: colors.background,
  color: colors.accent,
  border: `1px solid ${colors.line}`,
  borderRadius: 6,
  cursor: 'pointer',
  font: '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
}

export const headingStyle: CSSProperties = { margin: '10px 12px 4px', fontSize: 11, textTransform: 'uppercase', letterSpacing: 0.6, color: colors.muted }

export const listStyle: CSSProperties = { listStyle: 'none', margin: 0, padding: '0 12px 10px' }

export const badgeStyle = (color: string): CSSProperties => ({
  display: 'inline-block',
  padding: '0 5px',
  marginRight: 6,
  borderRadius: 4,
  border: `1px solid ${color}`,
  color,
  fontSize: 10,
})

export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Where the panel and its button sit, 12 px from the window's corner. */
export function cornerStyle(position: DevtoolsPosition): CSSProperties {
  const [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right']
  return { [vertical]: 12, [horizontal]: 12 }
}
