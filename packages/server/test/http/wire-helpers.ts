import { expect } from 'vitest'
import superjson from 'superjson'
import type { BundleItem, ItemAnswer, MutationAnswer } from '../../src/protocol/index.ts'
import type { Transport } from './transports.ts'

const json = { 'content-type': 'application/json' }

/** A bundle item as a client sends it: the path, then the superjson-serialized input if any. */
export function item(path: string, input?: unknown): BundleItem {
  return input === undefined ? [path] : [path, superjson.serialize(input)]
}

export function getBundle(transport: Transport, items: readonly BundleItem[]) {
  return transport.send(`/q?items=${encodeURIComponent(JSON.stringify(items))}`)
}

export function postBundle(transport: Transport, items: readonly BundleItem[]) {
  return transport.send('/q', { method: 'POST', headers: json, body: JSON.stringify(items) })
}

export function mutate(transport: Transport, path: string, input: unknown, headers: Record<string, string> = {}) {
  return transport.send(`/m/${path}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(superjson.serialize(input)) })
}

export function postRaw(transport: Transport, path: string, body: string, contentType = 'application/json') {
  return transport.send(path, { method: 'POST', headers: { 'content-type': contentType }, body })
}

export async function readItems(response: Response): Promise<ItemAnswer[]> {
  return (await response.json()) as ItemAnswer[]
}

export async function readMutation(response: Response): Promise<MutationAnswer> {
  return (await response.json()) as MutationAnswer
}

/** The data of a successful item, decoded the way the client decodes it. */
export function dataOf(answer: ItemAnswer | undefined): unknown {
  if (!answer || !('data' in answer)) throw new Error(`Expected data, got ${JSON.stringify(answer)}`)
  return superjson.deserialize(answer.data as never)
}

/** The data of a successful mutation answer, decoded. */
export function mutationData(answer: MutationAnswer): unknown {
  if (!('data' in answer)) throw new Error(`Expected data, got ${JSON.stringify(answer)}`)
  return superjson.deserialize(answer.data as never)
}

/** The error of an answer that must be one; anything else fails the test, showing the answer. */
export function errorOf(answer: ItemAnswer | MutationAnswer | undefined) {
  if (!answer || !('error' in answer)) throw new Error(`Expected an error, got ${JSON.stringify(answer)}`)
  return answer.error
}

/** One read as the user `x-user` names (null: anonymous), through the transport; its data. */
export async function readAs(t: Transport, user: string | null, path: string, params: unknown): Promise<any> {
  const items = encodeURIComponent(JSON.stringify([item(path, params)]))
  const response = await t.send(`/q?items=${items}`, { headers: user === null ? {} : { 'x-user': user } })
  return dataOf((await readItems(response))[0])
}

/** One write as the user `x-user` names, which must answer 200; its answer. */
export async function writeAs(t: Transport, user: string, path: string, input: unknown) {
  const response = await mutate(t, path, input, { 'x-user': user })
  expect(response.status).toBe(200)
  return readMutation(response)
}
