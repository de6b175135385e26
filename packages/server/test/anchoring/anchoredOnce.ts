import { getRegistryEvents, type Hex } from '@rightflow/sdk'
import type { PublicClient } from 'viem'
import { expect } from 'vitest'
import type { RunningServer } from '../../src/server.js'

/**
 * Runs the server's batcher and indexer until every given record is anchored (or the passes run out), the way
 * their timers would, without depending on how long anything takes.
 */
export async function anchorUntilDone(
  server: RunningServer,
  ids: readonly Hex[],
  passes = 60,
): Promise<void> {
  for (let pass = 0; pass < passes; pass++) {
    await server.batcher.tick(true)
    await server.indexer.poll()
    const records = await Promise.all(ids.map((id) => server.store.getRecord(id)))
    if (records.every((record) => record?.status === 'anchored')) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Every acknowledged record is anchored, in exactly one batch, whose root the chain holds exactly once; and no
 * record of the store is left behind or counted twice.
 */
export async function expectAnchoredExactlyOnce(
  server: RunningServer,
  publicClient: PublicClient,
  acknowledged: readonly Hex[],
): Promise<void> {
  const { store, chain } = server
  const records = await Promise.all(acknowledged.map((id) => store.getRecord(id)))
  expect(records.filter((record) => record?.status !== 'anchored').map((record) => record?.id)).toEqual([])
  const events = await getRegistryEvents({
    publicClient,
    registry: chain.registry,
    fromBlock: 0n,
    toBlock: await publicClient.getBlockNumber({ cacheTime: 0 }),
  })
  const anchorsOfRoot = new Map<Hex, number>()
  for (const event of events)
    if (event.kind === 'batch') anchorsOfRoot.set(event.root, (anchorsOfRoot.get(event.root) ?? 0) + 1)
  const roots = new Set(records.map((record) => record!.batchRoot!))
  for (const root of roots) expect({ root, anchors: anchorsOfRoot.get(root) }).toEqual({ root, anchors: 1 })
  // Each record sits in one batch; the batches' sizes add up to the records, so none is in two.
  let inBatches = 0
  for (const root of roots) inBatches += (await store.getBatch(root))!.count
  const counts = await store.counts()
  expect(inBatches).toBe(counts.records)
  expect(counts).toMatchObject({ pending: 0, anchored: counts.records, batches: roots.size })
}
