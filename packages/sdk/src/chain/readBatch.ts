import type { Address, Hex, PublicClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'

export type OnChainBatch = { anchorer: Address; timestamp: number; count: number }

/**
 * Reads an anchored batch from the chain itself; undefined when the root was never anchored there.
 *
 * @example
 * const batch = await readBatch({ publicClient, registry, root })
 */
export async function readBatch({
  publicClient,
  registry,
  root,
}: {
  publicClient: PublicClient
  registry: Address
  root: Hex
}): Promise<OnChainBatch | undefined> {
  try {
    const batch = await publicClient.readContract({
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'batchOf',
      args: [root],
    })
    if (batch.timestamp === 0n) return undefined
    return { anchorer: batch.anchorer, timestamp: Number(batch.timestamp), count: Number(batch.count) }
  } catch (error) {
    throw toRegistryError(error)
  }
}
