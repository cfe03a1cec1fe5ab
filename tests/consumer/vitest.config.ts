import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'consumer',
    include: ['*.test.ts'],
    // Builds and packs the three packages once for every test here (they test what users install).
    globalSetup: ['./pack-packages.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
