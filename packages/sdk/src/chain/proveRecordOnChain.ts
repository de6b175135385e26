import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'
import { toTypedMessage } from '../record/toTypedMessage.js'
import type { SignedRecord } from '../record/types.js'
import { TransactionRevertedError } from '../rights/rightsErrors.js'

/**
 * Makes a batched record known on chain (with its batch's timestamp), so that direct records can name
 * it as a parent.
 *
 * @example
 * await proveRecordOnChain({ publicClient, walletClient, registry, signed, root, proof })
 */
export async function proveRecordOnChain({
  publicClient,
  walletClient,
  registry,
  signed,
  root,
  proof,
}: {
  publicClient: PublicClient
  walletClient: WalletClient
  registry: Address
  signed: SignedRecord
  root: Hex
  proof: readonly Hex[]
}): Promise<{ txHash: Hex; gasUsed: bigint }> {
  try {
    const { request } = await publicClient.simulateContract({
      account: walletClient.account!,
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'prove',
      args: [toTypedMessage(signed.record), signed.signature, root, [...proof]],
    })
    const txHash = await walletClient.writeContract(request)
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
    // A mined revert (the chain changed since the simulation) is an error, never a registration.
    if (receipt.status !== 'success') throw new TransactionRevertedError(txHash)
    return { txHash, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw toRegistryError(error)
  }
}
