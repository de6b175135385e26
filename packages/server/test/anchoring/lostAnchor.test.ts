import { anchorBatch, getRegistryEvents, type Hex } from '@rightflow/sdk'
import type { PublicClient } from 'viem'
import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server.js'
import { type DevChain, startDevChain } from '../support/devChain.js'
import {
  anchoringServer,
  anchorUntilDone,
  expectAnchoredExactlyOnce,
  postRecords,
} from './anchoringHarness.js'

/** anvil replaces the last `depth` blocks with empty ones: their transactions are gone, as after a reorg. */
const reorg = (publicClient: PublicClient, depth: number) =>
  publicClient.request({ method: 'anvil_reorg', params: [depth, []] } as never)

async function withAnchoringServer(test: (chain: DevChain, server: RunningServer) => Promise<void>) {
  const chain = await startDevChain()
  const warnings: string[] = []
  const server = await anchoringServer(chain, ':memory:', { info: () => {}, warn: (m) => warnings.push(m) })
  try {
    await test(chain, server)
  } finally {
    await server.close()
    await chain.stop()
  }
  return warnings
}

/** Closes one batch of `count` acknowledged records and sends it, without letting the indexer look. */
async function sendOneBatch(chain: DevChain, server: RunningServer, count: number) {
  const acknowledged = await postRecords(server, chain, count)
  await server.batcher.tick(true)
  // Mined before the test reorganises the chain: a transaction still in flight would land after the reorg.
  await server.batcher.waitForSent()
  const root = (await server.store.getRecord(acknowledged[0]!))!.batchRoot!
  const batch = (await server.store.getBatch(root))!
  expect(batch).toMatchObject({ status: 'submitted' })
  return { acknowledged, root, txHash: batch.txHash! }
}

describe('an anchor transaction that left the chain', () => {
  it('a reorg drops the anchor before the indexer saw it: the root is sent again and anchored once', async () => {
    const warnings = await withAnchoringServer(async (chain, server) => {
      const { acknowledged, root, txHash } = await sendOneBatch(chain, server, 5)
      await reorg(chain.publicClient, 1)
      await anchorUntilDone(server, acknowledged)
      await expectAnchoredExactlyOnce(server, chain.publicClient, acknowledged)
      const anchored = (await server.store.getBatch(root))!
      expect(anchored.txHash).not.toBe(txHash)
    })
    expect(warnings.join('\n')).toMatch(/is not on the chain after 1 ms; sending the root again/)
  })

  it('a reorg drops an anchor the indexer had already recorded: the batch is anchored again, once', async () => {
    await withAnchoringServer(async (chain, server) => {
      const { acknowledged, root, txHash } = await sendOneBatch(chain, server, 5)
      await server.indexer.poll()
      expect((await server.store.getBatch(root))?.status).toBe('anchored')
      await reorg(chain.publicClient, 1)
      await anchorUntilDone(server, acknowledged)
      await expectAnchoredExactlyOnce(server, chain.publicClient, acknowledged)
      expect((await server.store.getBatch(root))!.txHash).not.toBe(txHash)
    })
  })

  it('a root someone else anchored after ours was lost is taken as anchored, at the time the chain gives, never sent twice', async () => {
    await withAnchoringServer(async (chain, server) => {
      const { acknowledged, root } = await sendOneBatch(chain, server, 5)
      await reorg(chain.publicClient, 1)
      // `anchor` is permissionless: another account puts the same root on chain first.
      const theirs = await anchorBatch({ ...chain, root, count: 5 })
      const block = await chain.publicClient.getBlock({ blockNumber: theirs.blockNumber })
      await anchorUntilDone(server, acknowledged)
      await expectAnchoredExactlyOnce(server, chain.publicClient, acknowledged)
      expect(await server.store.getRecord(acknowledged[0]!)).toMatchObject({
        status: 'anchored',
        chain: { txHash: theirs.txHash, timestamp: Number(block.timestamp) },
      })
      const events = await getRegistryEvents({
        ...chain,
        fromBlock: 0n,
        toBlock: await chain.publicClient.getBlockNumber({ cacheTime: 0 }),
      })
      expect(events.filter((event) => event.kind === 'batch' && event.root === (root as Hex))).toHaveLength(1)
    })
  })
})
