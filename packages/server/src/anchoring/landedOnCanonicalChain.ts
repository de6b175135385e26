import {
  BlockNotFoundError,
  type Hex,
  type PublicClient,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
} from 'viem'

/**
 * Whether a transaction succeeded in a block that is still on the canonical chain. A receipt alone is not
 * enough: after a reorg some nodes still answer the receipt of a block that lost, so its hash is checked
 * against the block the chain has at that height now.
 */
export async function landedOnCanonicalChain(publicClient: PublicClient, hash: Hex): Promise<boolean> {
  const receipt = await publicClient.getTransactionReceipt({ hash }).catch((error: unknown) => {
    if (error instanceof TransactionReceiptNotFoundError) return undefined
    throw error
  })
  if (receipt?.status !== 'success') return false
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return undefined
    throw error
  })
  return block?.hash === receipt.blockHash
}

/** Whether the node still holds a transaction that is not mined yet (it is on its way, behind its nonce). */
export async function pendingInNode(publicClient: PublicClient, hash: Hex): Promise<boolean> {
  const transaction = await publicClient.getTransaction({ hash }).catch((error: unknown) => {
    if (error instanceof TransactionNotFoundError) return undefined
    throw error
  })
  return transaction !== undefined && transaction.blockNumber === null
}
