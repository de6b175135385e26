import { getRegistryEvents } from '@rightflow/sdk'
import type { PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { devKeys, startDevChain } from '../support/devChain.js'
import { startRpcProxy } from '../support/rpcProxy.js'
import {
  anchoringServer,
  anchorUntilDone,
  expectAnchoredExactlyOnce,
  postRecords,
} from './anchoringHarness.js'

const setAutomine = (publicClient: PublicClient, on: boolean) =>
  publicClient.request({ method: 'evm_setAutomine', params: [on] } as never)

describe('an anchor transaction that is slow to be mined', () => {
  it('receipt polls fail while the anchor is pending: its hash is kept, the root is not sent again, and it lands once', async () => {
    const chain = await startDevChain()
    const proxy = await startRpcProxy(chain.rpcUrl)
    const warnings: string[] = []
    // The harness re-sends a root it has not seen for 1 ms: only a transaction it keeps track of holds it back.
    const server = await anchoringServer({ ...chain, rpcUrl: proxy.url }, ':memory:', {
      info: () => {},
      warn: (message) => warnings.push(message),
    })
    try {
      const relayer = privateKeyToAccount(devKeys[1]).address
      const nonceBefore = await chain.publicClient.getTransactionCount({
        address: relayer,
        blockTag: 'pending',
      })
      const acknowledged = await postRecords(server, chain, 4)
      // The anchor stays pending, and the provider fails every receipt request meanwhile.
      await setAutomine(chain.publicClient, false)
      proxy.failMethod('eth_getTransactionReceipt')
      await server.batcher.tick(true)
      const root = (await server.store.getRecord(acknowledged[0]!))!.batchRoot!
      const sent = (await server.store.getBatch(root))!
      expect(sent).toMatchObject({ status: 'submitted' })
      expect(sent.txHash).toMatch(/^0x[0-9a-f]{64}$/)
      for (let pass = 0; pass < 3; pass++) await server.batcher.tick(true)
      // Receipts answer again (none yet: the transaction is still pending in the node).
      proxy.failMethod(undefined)
      for (let pass = 0; pass < 3; pass++) await server.batcher.tick(true)
      expect(await chain.publicClient.getTransactionCount({ address: relayer, blockTag: 'pending' })).toBe(
        nonceBefore + 1,
      )

      await setAutomine(chain.publicClient, true)
      await chain.publicClient.request({ method: 'evm_mine', params: [] } as never)
      await anchorUntilDone(server, acknowledged)
      await expectAnchoredExactlyOnce(server, chain.publicClient, acknowledged)
      expect((await server.store.getBatch(root))!.txHash).toBe(sent.txHash)
      // One anchor transaction in all: none reverted behind it at the relayer's cost.
      expect(await chain.publicClient.getTransactionCount({ address: relayer })).toBe(nonceBefore + 1)
      const events = await getRegistryEvents({
        ...chain,
        fromBlock: 0n,
        toBlock: await chain.publicClient.getBlockNumber({ cacheTime: 0 }),
      })
      expect(events.filter((event) => event.kind === 'batch')).toHaveLength(1)
      expect(warnings.join('\n')).not.toMatch(/sending the root again/)
    } finally {
      await server.close()
      await proxy.close()
      await chain.stop()
    }
  })
})
