import { join } from 'node:path'
import { takeScreenshots } from './take-screenshots.ts'

// `npm run screenshots`: the PNGs under apps/demo/screenshots/, for the README.
const files = await takeScreenshots(join(import.meta.dirname, '..', 'screenshots'))
for (const file of files) console.log(`saved ${file}`)
