import { parseGwei } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSigned } from '../../../server/test/support/records.js'
import { provenanceRegistryAbi, registerRecordOnChain, toTypedMessage } from '../../src/index.js'
import { type RightsChain, startRightsChain } from '../support/rightsChain.js'

describe('a registration that reverts once mined is an error, never a registration', () => {
  let chain: RightsChain

  beforeAll(async () => {
    chain = await startRightsChain()
  })
  afterAll(async () => {
    await chain?.testClient.setAutomine(true)
    await chain?.stop()
  })

  it('another sender registers the same record first in the block: registerRecordOnChain answers transaction_reverted', async () => {
    const [relayer, rival] = [await chain.actor(0), await chain.actor(0)]
    const signed = await makeSigned(relayer.account, { chainId: chain.chainId, registry: chain.registry })
    await chain.testClient.setAutomine(false)
    // Simulated against a chain without the record, so it is sent…
    const outcome = Promise.allSettled([
      registerRecordOnChain({
        publicClient: chain.publicClient,
        walletClient: relayer.walletClient,
        registry: chain.registry,
        signed,
      }),
    ])
    while ((await chain.testClient.getTxpoolStatus()).pending < 1)
      await new Promise((resolve) => setTimeout(resolve, 20))
    // …but a rival's copy with a higher tip is mined before it in the same block.
    await rival.walletClient.writeContract({
      chain: rival.walletClient.chain,
      account: rival.account,
      address: chain.registry,
      abi: provenanceRegistryAbi,
      functionName: 'register',
      args: [toTypedMessage(signed.record), signed.signature],
      gas: 1_000_000n,
      maxFeePerGas: parseGwei('1000'),
      maxPriorityFeePerGas: parseGwei('500'),
    })
    await chain.testClient.mine({ blocks: 1 })
    await chain.testClient.setAutomine(true)
    const [registered] = await outcome
    expect(registered.status).toBe('rejected')
    expect((registered as PromiseRejectedResult).reason).toMatchObject({ code: 'transaction_reverted' })
  })
})
