import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'

export type AnchorBatchParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  registry: Address
  root: Hex
  count: number
}

export type AnchorBatchReturnType = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }

/**
 * Anchors a batch's Merkle root on chain and waits for it to be mined.
 *
 * @example
 * const { txHash } = await anchorBatch({ publicClient, walletClient, registry, root, count: 1000 })
 */
export async function anchorBatch({
  publicClient,
  walletClient,
  registry,
  root,
  count,
}: AnchorBatchParameters): Promise<AnchorBatchReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: walletClient.account!,
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'anchor',
      args: [root, count],
    })
    const txHash = await walletClient.writeContract(request)
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
    return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw toRegistryError(error)
  }
}
