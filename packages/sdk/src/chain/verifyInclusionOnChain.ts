import type { Address, Hex, PublicClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'

/**
 * Asks the registry contract itself whether `proof` places record `id` under an anchored `root`, so a
 * verifier trusts the chain, not whoever served the proof.
 *
 * @example
 * const ok = await verifyInclusionOnChain({ publicClient, registry, id, root, proof })
 */
export async function verifyInclusionOnChain({
  publicClient,
  registry,
  id,
  root,
  proof,
}: {
  publicClient: PublicClient
  registry: Address
  id: Hex
  root: Hex
  proof: readonly Hex[]
}): Promise<boolean> {
  try {
    return await publicClient.readContract({
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'verifyInclusion',
      args: [id, root, [...proof]],
    })
  } catch (error) {
    throw toRegistryError(error)
  }
}
