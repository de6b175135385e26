import type { Address, Hex, PublicClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'
import { type Origin, origins } from '../record/types.js'

export type OnChainRecord = { creator: Address; timestamp: number; origin: Origin }

/**
 * Reads what the chain keeps of a record registered directly or proven; undefined when unknown.
 *
 * @example
 * const onChain = await readOnChainRecord({ publicClient, registry, id })
 */
export async function readOnChainRecord({
  publicClient,
  registry,
  id,
}: {
  publicClient: PublicClient
  registry: Address
  id: Hex
}): Promise<OnChainRecord | undefined> {
  try {
    const record = await publicClient.readContract({
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'recordOf',
      args: [id],
    })
    if (record.timestamp === 0n) return undefined
    return { creator: record.creator, timestamp: Number(record.timestamp), origin: origins[record.origin]! }
  } catch (error) {
    throw toRegistryError(error)
  }
}
