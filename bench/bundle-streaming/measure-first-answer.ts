/**
 * Time to first answer of a bundle with one read delayed by 200 ms, streamed vs buffered, Mizan
 * and tRPC (see `runFirstAnswerBench`; `npm run bench` runs it too):
 *
 *   node --import tsx --conditions=@mizan/source bench/bundle-streaming/measure-first-answer.ts [runs]
 */
import { firstAnswerModes, runFirstAnswerBench } from './first-answer.ts'

const results = await runFirstAnswerBench(Number(process.argv[2] ?? 25))
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!
const ms = (value: number) => `${value.toFixed(1)} ms`
console.log(`Bundle of ${results.fastReads} fast reads + 1 read delayed ${results.slowReadMs} ms; ${results.runs} runs per mode, rotated; Node ${process.version}`)
console.log('mode             first answer: median (p10-p90)      last answer: median')
for (const mode of firstAnswerModes) {
  const { first, last } = results.samples[mode]
  console.log(`${mode.padEnd(16)} ${ms(quantile(first, 0.5)).padStart(9)} (${ms(quantile(first, 0.1))}-${ms(quantile(first, 0.9))})`.padEnd(53) + ms(quantile(last, 0.5)).padStart(9))
}
