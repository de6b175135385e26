import { getRegistryEvents, type Hex, recordId } from '@rightflow/sdk'
import type { PublicClient } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { expect } from 'vitest'
import type { Logger } from '../../src/logger.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { type DevChain, devKeys } from '../support/devChain.js'
import { makeSigned } from '../support/records.js'

/** A server whose timers stay out of the way (the test runs the batcher and the indexer) and that re-sends a lost root at its second look. */
export function anchoringServer(chain: DevChain, databasePath: string, log: Logger): Promise<RunningServer> {
  return startServer({
    rpcUrl: chain.rpcUrl,
    relayerKey: devKeys[1],
    databasePath,
    port: 0,
    batch: { maxCount: 1000, maxAgeMs: 60_000, resendAfterMs: 1 },
    indexer: { pollMs: 60_000 },
    log,
  })
}

/** Posts `count` fresh signed records over HTTP; each must be acknowledged (202). */
export async function postRecords(server: RunningServer, chain: DevChain, count: number): Promise<Hex[]> {
  const account = privateKeyToAccount(generatePrivateKey())
  const acknowledged: Hex[] = []
  for (let i = 0; i < count; i++) {
    const signed = await makeSigned(account, { chainId: chain.chainId, registry: chain.registry })
    const response = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ record: signed.record, signature: signed.signature }),
    })
    expect(response.status).toBe(202)
    acknowledged.push(recordId(signed.record))
  }
  return acknowledged
}

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
    await server.batcher.waitForSent(1_000)
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
