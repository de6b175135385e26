import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'

export type SendAnchorBatchParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  registry: Address
  root: Hex
  count: number
}

export type SendAnchorBatchReturnType = { txHash: Hex }

/**
 * Sends the transaction that anchors a batch's Merkle root, and returns as soon as the node has accepted it,
 * without waiting for it to be mined: a caller that must not lose track of a transaction (a batcher that
 * would otherwise send it again) records the hash first, then watches it.
 *
 * @example
 * const { txHash } = await sendAnchorBatch({ publicClient, walletClient, registry, root, count: 1000 })
 */
export async function sendAnchorBatch({
  publicClient,
  walletClient,
  registry,
  root,
  count,
}: SendAnchorBatchParameters): Promise<SendAnchorBatchReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: walletClient.account!,
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'anchor',
      args: [root, count],
    })
    return { txHash: await walletClient.writeContract(request) }
  } catch (error) {
    throw toRegistryError(error)
  }
}
