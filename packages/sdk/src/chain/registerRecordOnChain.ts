import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { toRegistryError } from '../errors/chainErrors.js'
import { provenanceRegistryAbi } from '../generated/provenanceRegistry.js'
import { toTypedMessage } from '../record/toTypedMessage.js'
import type { SignedRecord } from '../record/types.js'
import { TransactionRevertedError } from '../rights/rightsErrors.js'

export type RegisterRecordOnChainParameters = {
  publicClient: PublicClient
  /** Pays the gas; need not be the creator (the signature binds the creator). */
  walletClient: WalletClient
  registry: Address
  signed: SignedRecord
}

export type RegisterRecordOnChainReturnType = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }

/**
 * Direct mode: writes one record on chain, its signature and parent links checked by the contract.
 *
 * @example
 * await registerRecordOnChain({ publicClient, walletClient, registry, signed })
 */
export async function registerRecordOnChain({
  publicClient,
  walletClient,
  registry,
  signed,
}: RegisterRecordOnChainParameters): Promise<RegisterRecordOnChainReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: walletClient.account!,
      address: registry,
      abi: provenanceRegistryAbi,
      functionName: 'register',
      args: [toTypedMessage(signed.record), signed.signature],
    })
    const txHash = await walletClient.writeContract(request)
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
    // A mined revert (the chain changed since the simulation) is an error, never a registration.
    if (receipt.status !== 'success') throw new TransactionRevertedError(txHash)
    return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw toRegistryError(error)
  }
}
