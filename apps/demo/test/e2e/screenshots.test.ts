import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { takeScreenshots } from '../../scripts/take-screenshots.ts'
import { chromiumMissing } from '../chromium.ts'

// `npm run screenshots` keeps working: each state is reached and saved as a real PNG.
describe.skipIf(chromiumMissing)('npm run screenshots', () => {
  it('saves the main states as PNGs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mizan-shots-'))
    try {
      const files = await takeScreenshots(dir)
      expect(files.map((file) => basename(file))).toEqual(['board-after-rename.png', 'other-user-live.png', 'devtools.png', 'validation-error.png'])
      for (const file of files) {
        const png = readFileSync(file)
        expect(png.subarray(1, 4).toString()).toBe('PNG')
        // Width and height, from the IHDR chunk.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 720])
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
