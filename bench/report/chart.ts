/** One bar of the chart: a label, a value, and which series (framework) it belongs to. */
export interface Bar {
  readonly group: string
  readonly series: string
  readonly value: number
}

const colors: Record<string, string> = { Mizan: '#2f6fdf', tRPC: '#b94a8e', oRPC: '#3d9a63', 'raw Express': '#8a8f98' }

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char]!)

/**
 * A grouped horizontal bar chart as SVG, with a dashed reference line (e.g. at 1.0x = raw
 * Express). Written by hand: a few rectangles do not need a charting library.
 */
export function barChartSvg(options: { title: string; bars: readonly Bar[]; reference: number; referenceLabel: string; unit: string }): string {
  const groups = [...new Set(options.bars.map((bar) => bar.group))]
  const series = [...new Set(options.bars.map((bar) => bar.series))]
  const barHeight = 16
  const groupGap = 18
  const left = 150
  const width = 720
  const plotWidth = width - left - 70
  const max = Math.max(options.reference, ...options.bars.map((bar) => bar.value)) * 1.1
  const x = (value: number) => left + (value / max) * plotWidth
  let y = 50
  const parts: string[] = []
  for (const group of groups) {
    parts.push(`<text x="10" y="${y + 12}" font-weight="600">${escapeXml(group)}</text>`)
    for (const name of series) {
      const bar = options.bars.find((candidate) => candidate.group === group && candidate.series === name)
      if (!bar) continue
      parts.push(
        `<text x="${left - 8}" y="${y + 12}" text-anchor="end">${escapeXml(name)}</text>`,
        `<rect x="${left}" y="${y}" width="${(x(bar.value) - left).toFixed(1)}" height="${barHeight}" fill="${colors[name] ?? '#555'}"/>`,
        `<text x="${(x(bar.value) + 6).toFixed(1)}" y="${y + 12}">${bar.value.toFixed(2)}${options.unit}</text>`,
      )
      y += barHeight + 4
    }
    y += groupGap
  }
  const height = y + 20
  const refX = x(options.reference).toFixed(1)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" fill="#1d232b">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="10" y="24" font-size="15" font-weight="600">${escapeXml(options.title)}</text>
${parts.join('\n')}
<line x1="${refX}" y1="40" x2="${refX}" y2="${height - 24}" stroke="#1d232b" stroke-dasharray="4 3"/>
<text x="${refX}" y="${height - 8}" text-anchor="middle">${escapeXml(options.referenceLabel)}</text>
</svg>
`
}
