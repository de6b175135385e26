import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { sendAnchorBatch } from './sendAnchorBatch.js'

export type AnchorBatchParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  registry: Address
  root: Hex
  count: number
}

export type AnchorBatchReturnType = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }

/**
 * Anchors a batch's Merkle root on chain and waits for it to be mined. If the wait fails (a slow transaction,
 * an RPC error while polling) the transaction may still land: callers that must not send it twice use
 * `sendAnchorBatch` and keep the hash.
 *
 * @example
 * const { txHash } = await anchorBatch({ publicClient, walletClient, registry, root, count: 1000 })
 */
export async function anchorBatch(parameters: AnchorBatchParameters): Promise<AnchorBatchReturnType> {
  const { txHash } = await sendAnchorBatch(parameters)
  try {
    const receipt = await parameters.publicClient.waitForTransactionReceipt({ hash: txHash })
    return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw toRegistryError(error)
  }
}
